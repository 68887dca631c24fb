"""Across reports: the facts a linted report leaves for comparison (`facts`), organ names made
comparable (`organs`) and the copied-text search (`copies`). The rules that use them are in
`nianbao.rules.series` and `nianbao.rules.copies`; `nianbao diff`'s engine is `compare.diff` (with
`compare.runs`: the changed characters within a sentence).
"""
