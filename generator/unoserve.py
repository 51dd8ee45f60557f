"""One local converter: soffice plus a small server that converts files of its own folder, for formgen only.

    python -m generator.unoserve --folder DIR --parent PID [--preload LIB] [--warm-up]

formgen (generator/libreoffice.py) makes DIR (0700) and starts this in its own process group. Everything
lives in DIR: the LibreOffice profile, soffice's temporary files, in/ (the DOCX files formgen puts there)
and out/ (the PDFs it takes away), and rpc.sock, the UNIX socket formgen talks to. Nobody else can
reach it: the folder is the owner's alone, a connection from another user id is refused (SO_PEERCRED)
before a byte is read, and soffice listens on a UNO pipe created under umask 077 instead of a TCP port.
A request names a file in in/ (a plain name, a regular file of the owner's, not a link); nothing
outside DIR is ever opened or written, whatever the request says.

The protocol is one JSON object a line: {"ping": true} → {"ok": true, "office": version, "warm": true when
the warm-up conversion made its PDF};
{"convert": "NAME.docx", "pdfa": false} → {"ok": true} with out/NAME.pdf written, or {"error": "..."}.
formgen keeps one connection open for the converter's life (no HTTP, no XML-RPC, no base64); LibreOffice
converts one document at a time.

Runs under the Python that has LibreOffice's `uno` module. The server kills its whole process group
(soffice.bin included) when formgen disappears, when soffice dies, or when LibreOffice stops answering
UNO after a failed conversion: formgen then starts a fresh one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

START_TIMEOUT = 60.0
WORD_FILTER = "MS Word 2007 XML"
PDF_FILTER = "writer_pdf_Export"
SOCKET_NAME = "rpc.sock"
WARM_UP = Path(__file__).resolve().parent / "deadlines" / "checklist.docx"
"""A DOCX formgen ships (the checklist's template: a table in the forms' faces) for the warm-up conversion."""


def office_command(folder: Path, pipe: str) -> list[str]:
    from generator.libreoffice import soffice_executable

    return [soffice_executable(), "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
            "--nofirststartwizard", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            f"--accept=pipe,name={pipe};urp;"]


def die() -> None:
    os.killpg(os.getpgid(0), signal.SIGKILL)


class Office:
    """The UNO side: load a DOCX hidden, export it as PDF, close it."""

    def __init__(self, pipe: str):
        import uno

        self.uno = uno
        self.lock = threading.Lock()
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        self.desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        provider = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", context)
        product = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                                       (self._property("nodepath", "/org.openoffice.Setup/Product"),))
        self.version = product.getByName("ooSetupVersionAboutBox")
        self.warm = False

    def _property(self, name: str, value):
        from com.sun.star.beans import PropertyValue

        return PropertyValue(Name=name, Value=value)

    def convert(self, source: Path, target: Path, pdfa: bool) -> None:
        with self.lock:  # one document at a time, whoever asks
            self._convert(source, target, pdfa)

    def _convert(self, source: Path, target: Path, pdfa: bool) -> None:
        # Hidden, not in the recent-documents list, the filter named (no type detection)
        load = tuple(self._property(k, v) for k, v in (("ReadOnly", True), ("Hidden", True),
                                                       ("PickListEntry", False), ("FilterName", WORD_FILTER)))
        document = self.desktop.loadComponentFromURL(self.uno.systemPathToFileUrl(str(source)), "_blank", 0, load)
        if document is None:
            raise RuntimeError("LibreOffice could not open the document")
        try:
            data = [self._property("ExportBookmarks", False)] + ([self._property("SelectPdfVersion", 2)] if pdfa else [])
            store = (self._property("FilterName", PDF_FILTER), self._property("Overwrite", True),
                     self._property("FilterData", self.uno.Any("[]com.sun.star.beans.PropertyValue", tuple(data))))
            document.storeToURL(self.uno.systemPathToFileUrl(str(target)), store)
        finally:
            document.close(True)

    def answers(self) -> bool:
        try:
            self.desktop.getFrames()
            return True
        except Exception:  # noqa: BLE001 - a dead bridge raises uno's own DisposedException/RuntimeException
            return False


def connect_office(pipe: str, office: subprocess.Popen) -> Office:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            return Office(pipe)
        except Exception:  # noqa: BLE001 - uno raises its own types while soffice is starting
            if office.poll() is not None or time.monotonic() > deadline:
                die()
            time.sleep(0.05)


def warm_up(office: Office, folder: Path) -> bool:
    """Convert one small DOCX before saying ready: LibreOffice loads its Word import, layout, fonts and PDF
    export on the first document, which costs ~0.3 s more than the next ones. Paid here, at start (and when
    a converter is replaced in the background), not by the first form a user waits for."""
    source, target = folder / "in" / "warm-up.docx", folder / "out" / "warm-up.pdf"
    try:
        shutil.copyfile(WARM_UP, source)
        office.convert(source, target, False)
        return target.stat().st_size > 0
    except Exception:  # noqa: BLE001 - a converter that cannot convert shows it on its first real document
        return False
    finally:
        source.unlink(missing_ok=True)
        target.unlink(missing_ok=True)


def inside(folder: Path, name: object) -> Path:
    """folder/name if `name` is a plain file name of a regular file the owner has there; else ValueError."""
    if not isinstance(name, str) or name != Path(name).name or name.startswith(".") or not name.endswith(".docx"):
        raise ValueError("not a file name")
    path = folder / "in" / name
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        raise ValueError("not a regular file of this user")
    return path


def peer_uid(connection: socket.socket) -> int:
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[1]


def answer(request: dict, folder: Path, office: Office) -> dict:
    if request.get("ping"):
        return {"ok": True, "office": office.version, "warm": office.warm}
    try:
        source = inside(folder, request.get("convert"))
    except (ValueError, OSError) as refused:
        return {"error": f"refused: {refused}"}
    target = folder / "out" / (source.stem + ".pdf")
    try:
        office.convert(source, target, bool(request.get("pdfa")))
    except Exception as error:  # noqa: BLE001 - uno's exceptions; the message goes back to formgen
        if not office.answers():
            die()  # LibreOffice is gone: formgen sees the connection close and starts a fresh converter
        return {"error": f"{type(error).__name__}: {str(error)[:300]}"}
    return {"ok": True}


def serve_connection(connection: socket.socket, folder: Path, office: Office) -> None:
    with connection, connection.makefile("rwb") as stream:
        for line in stream:
            try:
                request = json.loads(line)
            except ValueError:
                return
            reply = answer(request if isinstance(request, dict) else {}, folder, office)
            stream.write(json.dumps(reply).encode() + b"\n")
            stream.flush()


def watch_parent(parent: int, office: subprocess.Popen) -> None:
    while True:
        if os.getppid() != parent or office.poll() is not None:
            die()
        time.sleep(0.5)


def serve(folder: Path, parent: int, preload: str | None, warm: bool = False) -> int:
    os.umask(0o077)  # the UNO pipe soffice creates in /tmp, and every file here: the owner's only
    pipe = folder.name
    environment = {**os.environ, "TMPDIR": str(folder / "tmp")}
    if preload:
        from generator.libreoffice import JEMALLOC_CONF

        environment.update(LD_PRELOAD=preload, MALLOC_CONF=JEMALLOC_CONF)
    office_process = subprocess.Popen(office_command(folder, pipe), stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    threading.Thread(target=watch_parent, args=(parent, office_process), daemon=True).start()
    office = connect_office(pipe, office_process)
    office.warm = warm and warm_up(office, folder)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(folder / SOCKET_NAME))
    listener.listen(4)
    while True:
        connection, _ = listener.accept()
        if peer_uid(connection) != os.getuid():
            connection.close()  # before a byte is read
            continue
        threading.Thread(target=serve_connection, args=(connection, folder, office), daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.unoserve")
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--parent", type=int, default=os.getppid())
    parser.add_argument("--preload", default=None, help="a malloc library for soffice (LD_PRELOAD)")
    parser.add_argument("--warm-up", action="store_true", help="convert one small document before saying ready")
    args = parser.parse_args(argv)
    return serve(args.folder, args.parent, args.preload, args.warm_up)


if __name__ == "__main__":
    sys.exit(main())
