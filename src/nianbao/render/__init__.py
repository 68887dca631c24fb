"""Views of one set of diagnostics and one tree: lint list, diagnostic tree, AST, export."""
