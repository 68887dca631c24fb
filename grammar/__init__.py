"""The grammar files of nianbao (installed as the package ``nianbao.grammar``)."""
