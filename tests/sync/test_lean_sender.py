"""A sender sends only what its peer needs: the site description while the peer is not known
to hold it, the heartbeat only when the peer has been silent.

Two real hubs with their own SQLite files, ``site-a`` pushing to ``site-b`` through the fault
proxy, whose wire log shows what each batch carried. The receiver's acknowledgements tell the
description digest it holds (``your_site_digest``, the same key as its state answer); the
proxy speaks for a receiver that does (re-signing the ack with the shared key, as that
receiver would sign it) or for an older one whose acks lack the key.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

from kiosk.sync.agent import HEARTBEAT_S
from kiosk.sync.peer_sites import digest_held, peer_sites
from kiosk.sync.signing import H_NONCE, H_SIGNATURE, sign_reply
from tests.sync.conftest import SECRET_AB, Pair, Site, assert_converged, play
from tests.sync.proxy import FaultProxy

BATCHES = b"POST /sync/v1/batches "
STATE = b"GET /sync/v1/state "
SITE = b"POST /sync/v1/site "


def _header(head: bytes, name: bytes) -> bytes | None:
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return None


def acks_telling(digest: Callable[[], str | None] | None) -> Callable[[bytes, bytes], bytes]:
    """A reply rewriter: each 200 batch ack tells ``digest()`` as ``your_site_digest``
    (``digest`` None: the key is left out, as an older receiver answers), signed again."""

    def rewrite(request_head: bytes, reply: bytes) -> bytes:
        head, _, body = reply.partition(b"\r\n\r\n")
        if not request_head.startswith(BATCHES) or not head.startswith(b"HTTP/1.1 200"):
            return reply
        answer = json.loads(body)
        answer.pop("your_site_digest", None)
        if digest is not None:
            answer["your_site_digest"] = digest()
        content = json.dumps(answer, separators=(",", ":")).encode()
        nonce = (_header(request_head, H_NONCE.encode()) or b"").decode()
        signature = sign_reply(SECRET_AB.encode(), nonce, 200, content)
        lines = [
            line
            for line in head.split(b"\r\n")
            if line.partition(b":")[0].strip().lower()
            not in (b"content-length", H_SIGNATURE.encode())
        ]
        lines += [b"content-length: %d" % len(content), f"{H_SIGNATURE}: {signature}".encode()]
        return b"\r\n".join(lines) + b"\r\n\r\n" + content

    return rewrite


def held_by(receiver: Site, origin: str) -> Callable[[], str | None]:
    """The digest of ``origin``'s description that ``receiver`` holds now."""

    def held() -> str | None:
        with receiver.store.read() as session:
            return digest_held(session, origin)

    return held


def batches_sent(proxy: FaultProxy) -> list[dict]:
    """Every batch that went through the proxy, decoded as the receiver reads it."""
    batches = []
    for head, body in proxy.wire:
        if head.startswith(BATCHES):
            gzipped = (_header(head, b"content-encoding") or b"").lower() == b"gzip"
            batches.append(json.loads(gzip.decompress(body) if gzipped else body))
    return batches


def described(proxy: FaultProxy) -> list[bool]:
    return ["site" in batch for batch in batches_sent(proxy)]


def requests(proxy: FaultProxy, start: bytes) -> int:
    return sum(head.startswith(start) for head, _ in proxy.wire)


def push_rounds(site: Site, rounds: int, seed: int = 0) -> None:
    """``rounds`` pushes, each of a few new visits (one batch each), without a heartbeat."""
    link = site.agent.links["site-b"]
    for n in range(rounds):
        play(site.hub.queue, 2, seed=seed + n)
        result = link.push()
        assert result.error is None and result.batches == 1, result.summary()


def rename(site: Site, old: str, new: str) -> None:
    """Edit the site's name in its site file (the hub reads it when it starts)."""
    text = site.config_path.read_text(encoding="utf-8")
    assert f'name = "{old}"' in text
    site.config_path.write_text(text.replace(f'name = "{old}"', f'name = "{new}"', 1), "utf-8")


def test_batches_carry_the_description_until_the_peer_holds_it(started: Pair):
    a, b = started.a, started.b
    started.ab.on_reply = acks_telling(held_by(b, "site-a"))
    push_rounds(a, 3)  # a sender just started: it does not know what the peer holds
    assert described(started.ab) == [True, False, False]
    assert_converged(a.store, b.store, "site-a")
    assert peer_sites(b.store)[0].slug == "site-a"


def test_the_receivers_own_acks_tell_the_digest_it_holds(started: Pair):
    """No rewriting: the receiving hub's acknowledgement says which description it holds."""
    a, b = started.a, started.b
    acks: list[dict] = []

    def keep(request_head: bytes, reply: bytes) -> bytes:
        if request_head.startswith(BATCHES):
            acks.append(json.loads(reply.partition(b"\r\n\r\n")[2]))
        return reply

    started.ab.on_reply = keep
    push_rounds(a, 3)
    assert described(started.ab) == [True, False, False]
    told = {answer.get("your_site_digest") for answer in acks}
    assert told == {held_by(b, "site-a")()} != {None}
    assert_converged(a.store, b.store, "site-a")


def test_a_changed_site_file_is_described_again(started: Pair):
    a, b = started.a, started.b
    started.ab.on_reply = acks_telling(held_by(b, "site-a"))
    push_rounds(a, 2)
    # Restarted with an edited site file: the first batch carries the new description.
    a.stop()
    rename(a, "Maison des services publics", "MSP de Fauquembergues")
    a.start()
    push_rounds(a, 2, seed=10)
    batches = batches_sent(started.ab)
    assert ["site" in batch for batch in batches] == [True, False, True, False]
    assert batches[2]["site"]["name"] == "MSP de Fauquembergues"
    assert peer_sites(b.store)[0].name == "MSP de Fauquembergues"
    # Edited again, and this time the heartbeat comes first: its state answer shows the
    # old digest, so the description goes on its own, and the batch after it without.
    a.stop()
    rename(a, "MSP de Fauquembergues", "MSP des deux sites")
    a.start()
    play(a.hub.queue, 2, seed=20)
    [result] = a.agent.run_once()
    assert result.error is None and result.batches == 1
    assert requests(started.ab, SITE) == 1
    assert described(started.ab)[-1] is False
    assert peer_sites(b.store)[0].name == "MSP des deux sites"
    assert_converged(a.store, b.store, "site-a")


def test_an_older_receiver_gets_the_description_in_every_batch(started: Pair):
    a, b = started.a, started.b
    started.ab.on_reply = acks_telling(None)  # acks without your_site_digest
    play(a.hub.queue, 2)
    [result] = a.agent.run_once()  # its state answer tells the digest it holds
    assert result.error is None and result.batches == 1
    push_rounds(a, 2, seed=5)  # but its acks do not: unknown again, sent again
    assert described(started.ab) == [False, True, True]
    assert_converged(a.store, b.store, "site-a")


def test_the_heartbeat_waits_while_the_peer_answers(started: Pair):
    a = started.a
    link = a.agent.links["site-b"]
    now = [1000.0]
    link.monotonic = lambda: now[0]
    play(a.hub.queue, 2)
    assert a.agent._round(link, failures=0) is None  # never heard from: the state first
    assert requests(started.ab, STATE) == 1
    for n in range(3):  # a batch acknowledged every 20 s: 60 s without a state request
        now[0] += 20.0
        play(a.hub.queue, 2, seed=n + 1)
        assert a.agent._round(link, failures=0) is None
    assert requests(started.ab, STATE) == 1 and requests(started.ab, BATCHES) == 4
    now[0] += HEARTBEAT_S + 1  # nothing to send, and the peer silent for HEARTBEAT_S
    assert a.agent._round(link, failures=0) is None
    assert requests(started.ab, STATE) == 2
    assert a.agent._round(link, failures=0) is None  # just heard from: no heartbeat
    assert requests(started.ab, STATE) == 2
    assert a.agent._round(link, failures=1) is None  # after a failure: always
    assert requests(started.ab, STATE) == 3
    assert requests(started.ab, BATCHES) == 4
    # The description went once, on the first heartbeat (the peer held none): every later
    # state answer told the digest this sender computes, as the receiver computes it.
    assert requests(started.ab, SITE) == 1
    assert_converged(a.store, started.b.store, "site-a")
