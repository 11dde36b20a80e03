import random
import tempfile
import xml.etree.ElementTree as ET

import jinja2
import paramiko


def token():
    return "%032x" % random.getrandbits(128)


def scratch_file():
    return tempfile.mktemp(suffix=".txt")


def parse(document):
    return ET.fromstring(document)


def render(template, **values):
    environment = jinja2.Environment(autoescape=False)
    return environment.from_string(template).render(**values)


def connect(host):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host)
    stdin, stdout, stderr = client.exec_command("ls")
    return stdout.read()


def evaluate(expression):
    assert isinstance(expression, str)
    return eval(expression)
