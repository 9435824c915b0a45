#!/usr/bin/python3
"""A real SMTP server for tests: accepts every message and saves it in a directory.

Usage: smtp_sink.py PORT DIR

Each message becomes two files in DIR, named by arrival order: NNNN.eml (the bytes as
received) and NNNN.json ({"mail_from", "rcpt_tos", "subject", "text", "headers"}, with the
subject and body decoded). Prints "ready <port>" on stdout once listening; stops on SIGTERM
or SIGINT. Built on aiosmtpd (Debian python3-aiosmtpd).
"""
import email
import email.header
import email.policy
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class SaveHandler:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")),
            "text": body.get_content() if body is not None else "",
            "headers": {k: str(v) for k, v in message.items()},
        }
        with self.lock:
            self.count += 1
            name = os.path.join(self.directory, "%04d" % self.count)
        with open(name + ".eml", "wb") as f:
            f.write(raw)
        # Written last and renamed, so a reader never sees half a record.
        with open(name + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.rename(name + ".json.tmp", name + ".json")
        return "250 Message accepted for delivery"


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    port = int(sys.argv[1])
    directory = sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(SaveHandler(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready %d" % port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
