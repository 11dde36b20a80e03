"""Request handlers of a small web service."""
import hashlib
import os
import pickle
import subprocess

import requests
import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/run")
def run_command():
    command = request.args["cmd"]
    output = subprocess.check_output(command, shell=True)
    subprocess.call("uptime", shell=True)  # nosec
    return output


@app.route("/load", methods=["POST"])
def load_state():
    state = pickle.loads(request.data)
    config = yaml.load(request.form["config"])
    return {"state": repr(state), "config": config}


def fingerprint(data):
    return hashlib.md5(data).hexdigest()


def fetch(url):
    return requests.get(url, verify=False, timeout=10)


def cleanup(path):
    os.chmod(path, 0o777)
    try:
        os.remove(path)
    except OSError:
        pass


if __name__ == "__main__":
    app.run(debug=True)
