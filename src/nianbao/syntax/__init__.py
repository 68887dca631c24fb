"""From text to tree: the stages that read a report (`nianbao.pipeline` runs them in order).

normalize (the analysis text and its offsets) → chrome and scanner (candidates: labels, headings,
page chrome) → lexer (one token for the parser's state) → parser (Lark's LALR tables, driven with
recovery) → build (the Lark tree as positioned nodes) with cell_values (numbers as written, fused
digits split by the template's arithmetic); meta reads the title block. Lark objects never leave
this package: everything after it sees `nodes`.
"""
