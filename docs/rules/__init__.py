"""The rule pages (generated from the rules), shipped with the code: the default docs-url points at them."""
