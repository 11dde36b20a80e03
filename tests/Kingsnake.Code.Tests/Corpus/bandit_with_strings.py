# Runs Debian's bandit 1.6.2 with its string visitor re-enabled on Python >= 3.8 (ast.Str became ast.Constant, so
# 1.6.2 never runs B104, B105, B108 and B608 there). Used to compare Kingsnake's --compat bandit answers for those
# tests file by file:  /usr/bin/python3 -W ignore bandit_with_strings.py -r -q -t B105,B608 -f json -o out.json TREE
import ast, sys
from bandit.core import node_visitor
def visit_Constant(self, node):
    if isinstance(node.value, str):
        self.visit_Str(node)
    elif isinstance(node.value, bytes):
        self.visit_Bytes(node)
node_visitor.BanditNodeVisitor.visit_Constant = visit_Constant
from bandit.cli.main import main
sys.exit(main())
