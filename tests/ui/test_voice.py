"""Tests that listen: the real espeak-ng renders each announcement, and the sound is checked.

A WAV is speech when it lasts about as long as its words take to say and is loud well above
silence for most of its length; the numbers are checked the way the engine reads them
(its phonemes for "A 12" are those of "A douze", never "zéro un deux"). The display's queue
is driven end to end by a real hub: the second call starts only once the first has ended.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.client import HubClient
from kiosk.domain.announce import announcement
from tests.conftest import DEMO_PIN
from tests.needs import need_program
from ui.audio import AudioOut, SilentOut, audio_output
from ui.espeak import Espeak, Sound, VoiceSettings
from ui.speech import Speaker

WAIT_MS = 15_000
ROOT = Path(__file__).resolve().parents[2]
COUNTERS = {"fr": "Guichet 2", "en": "Desk 2", "nl": "Loket 2"}
TWELVE = {"fr": "douze", "en": "twelve", "nl": "twaalf"}
#: espeak-ng's phonemes for the letter's name ("ay" in English, not the article "uh").
LETTER = {("fr", "A"): "'a_!", ("en", "A"): "'eI_!", ("nl", "A"): "'a:_!",
          ("fr", "Y"): "igr'Ek", ("en", "Y"): "w'aI", ("nl", "Y"): "'EI"}


@pytest.fixture(scope="module")
def espeak() -> str:
    return need_program("espeak-ng", "espeak-ng")


def speech_like(sound: Sound, words: int) -> None:
    """Duration plausible for ``words`` words, and loud (not silence, not a click) for
    much of it: 50 ms windows above a tenth of full-scale-ish level."""
    assert 0.12 * words < sound.seconds < 1.2 * words + 1.0, sound.seconds
    assert sound.rms() > 800, sound.rms()
    window = sound.rate // 20
    loud = [
        Sound(sound.pcm[i * 2 : (i + window) * 2], sound.rate).rms() > 300
        for i in range(0, len(sound.pcm) // 2 - window, window)
    ]
    assert sum(loud) / len(loud) > 0.4


def phonemes(espeak: str, voice: str, text: str) -> str:
    """How espeak-ng reads ``text`` (marked up as the product marks it up)."""
    done = subprocess.run([espeak, "-q", "-x", "-m", "-v", voice, "--", Espeak.markup(text)],
                          capture_output=True, text=True, check=True, timeout=15)
    return done.stdout.strip()


@pytest.mark.parametrize("language", ["fr", "en", "nl"])
def test_each_announcement_is_speech_in_its_language(espeak, language, tmp_path: Path):
    text = announcement("A012", COUNTERS[language], language)
    sound = Espeak(VoiceSettings()).render(text, language)
    (tmp_path / f"{language}.wav").write_bytes(sound.wav())
    speech_like(sound, len(text.split()))
    voice = VoiceSettings().voice_for(language)
    for number in ("A012", "Y012"):  # read "A twelve" as a person says it, never "zero one two"
        heard = phonemes(espeak, voice, announcement(number, COUNTERS[language], language))
        assert LETTER[language, number[0]] in heard, heard
        assert phonemes(espeak, voice, TWELVE[language]) in heard, heard


def test_a_slower_voice_speaks_longer_and_a_broken_voice_falls_back(espeak, caplog):
    text = announcement("C007", "Bureau 3", "fr")
    slow = Espeak(VoiceSettings(rate_wpm=100)).render(text, "fr")
    fast = Espeak(VoiceSettings(rate_wpm=220)).render(text, "fr")
    assert slow.seconds > fast.seconds * 1.4
    missing = Espeak(VoiceSettings(voices={"fr": "mb-nowhere"}))
    with caplog.at_level(logging.WARNING):
        sound = missing.render(text, "fr")
        missing.render(text, "fr")
    speech_like(sound, 4)
    assert [r.getMessage() for r in caplog.records].count(
        'voice "mb-nowhere" cannot speak; using "fr-fr" for fr') == 1


def test_the_chime_comes_right_before_the_sentence_in_one_sound(espeak, qtbot, tmp_path):
    out = SilentOut(keep=tmp_path)
    speaker = Speaker(engine="espeak", out=out)
    with qtbot.waitSignal(speaker.finished, timeout=WAIT_MS):
        speaker.say("Ticket B 3, Accueil", "fr", chime=True)
    (sound,) = out.played
    alone = speaker.render("Ticket B 3, Accueil", "fr")
    assert sound.seconds == pytest.approx(1.12 + 0.3 + alone.seconds, abs=0.01)
    chime = Sound(sound.pcm[: sound.rate * 2], sound.rate)  # its first second
    assert chime.rms() > 800
    assert sound.pcm.endswith(alone.pcm)
    assert (tmp_path / "001.wav").read_bytes() == sound.wav()


def test_without_an_audio_device_it_says_so_once_and_goes_on(monkeypatch, caplog, qtbot):
    for name in ("PULSE_SERVER", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("ui.display.chime.Path.exists", lambda _self: False)
    monkeypatch.setattr("ui.audio._said_silent", False)
    with caplog.at_level(logging.WARNING, logger="ui.audio"):
        first, second = audio_output(), audio_output()
    assert isinstance(first, SilentOut) and isinstance(second, SilentOut)
    assert [r.getMessage() for r in caplog.records] == [
        "no audio output device: calls are shown on screen but not heard"]
    speaker = Speaker(engine="espeak", out=first)
    assert not speaker.available  # the kiosk hides its audio-help button
    with qtbot.waitSignal(speaker.finished, timeout=WAIT_MS):
        speaker.say("Ticket A 1, Accueil", "fr")


class HeldOut(AudioOut):
    """A loudspeaker whose sound lasts until the test says it has ended."""

    def __init__(self):
        super().__init__()
        self.played: list[Sound] = []
        self.playing = False

    def play(self, sound: Sound) -> None:
        self.played.append(sound)
        self.playing = True

    def stop(self) -> None:
        self.end()

    def end(self) -> None:
        if self.playing:
            self.playing = False
            self.finished.emit()


@pytest.fixture
def staff(running_hub) -> Iterator[HubClient]:
    client = HubClient(running_hub.url)
    client.sign_in(counter="accueil", pin=DEMO_PIN)
    yield client
    client.close()


def test_two_calls_in_a_row_are_heard_one_after_the_other(
    espeak, qtbot, running_hub, staff, clock
):
    from ui.display.chime import Chime
    from ui.display.window import DisplayWindow

    out = HeldOut()
    display_client = HubClient(running_hub.url, kiosk_id="display")
    window = DisplayWindow(display_client, clock=clock.now, chime=Chime(enabled=True),
                           speaker=Speaker(engine="espeak", out=out))
    qtbot.addWidget(window)
    heard: list[tuple[str, str]] = []
    window.announcer.started.connect(lambda text, _lang: heard.append(("start", text)))
    window.announcer.ended.connect(lambda text, _lang: heard.append(("end", text)))
    try:
        qtbot.waitUntil(lambda: window.live.is_connected, timeout=WAIT_MS)
        staff.issue_ticket("ACC", language="fr")
        staff.issue_ticket("ACC", language="nl")
        staff.call_next("accueil")
        qtbot.waitUntil(lambda: out.playing, timeout=WAIT_MS)
        staff.call_next("accueil")
        qtbot.waitUntil(lambda: len(window.announcer.pending) == 1, timeout=WAIT_MS)
        assert window.board.newest.number == "A002"  # on screen at once, heard in turn
        assert heard == [("start", "Ticket A 1, Accueil")]  # the first is not cut off
        out.end()
        qtbot.waitUntil(lambda: out.playing, timeout=WAIT_MS)
        out.end()
        qtbot.waitUntil(lambda: not window.announcer.busy, timeout=WAIT_MS)
    finally:
        window.close()
        running_hub.hub.feed.closing = True
        running_hub.hub.feed.notify()
        display_client.close()
    assert heard == [("start", "Ticket A 1, Accueil"), ("end", "Ticket A 1, Accueil"),
                     ("start", "Ticket A 2, ga naar Accueil"),
                     ("end", "Ticket A 2, ga naar Accueil")]
    first, second = out.played
    for sound, words in ((first, 4), (second, 6)):
        speech_like(sound, words + 2)  # the chime counts for about two words


def test_the_kiosk_reads_its_screen_aloud_and_a_tap_stops_or_repeats_it(espeak, qtbot,
                                                                         make_kiosk):
    from tests.ui.helpers import tap

    out = HeldOut()
    speaker = Speaker(engine="espeak", out=out)
    window = make_kiosk(speaker=speaker)
    assert window.audio_button.isVisible()  # an engine and a loudspeaker: help is offered

    tap(qtbot, window.audio_button)
    qtbot.waitUntil(lambda: out.playing, timeout=WAIT_MS)
    language, text = speaker.said[-1]
    assert language == "fr" and "Bienvenue" in text
    speech_like(out.played[-1], len(text.split()))
    tap(qtbot, window.audio_button)  # a second tap interrupts
    assert not out.playing and not speaker.speaking
    tap(qtbot, window.audio_button)  # a third reads it again, from the start
    qtbot.waitUntil(lambda: out.playing, timeout=WAIT_MS)
    assert len(out.played) == 2 and out.played[1].pcm == out.played[0].pcm
    tap(qtbot, window.welcome.tiles["NUM"])  # another page: the old one is not read on
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not window.welcome, timeout=WAIT_MS)
    assert not out.playing


@pytest.fixture
def sound_server(tmp_path) -> Iterator[dict[str, str]]:
    """A real PulseAudio with one null sink ("room") on a private socket: the environment
    a process needs to play to it. Its monitor records what the room would hear."""
    pulseaudio = need_program("pulseaudio", "pulseaudio")
    pactl = need_program("pactl", "pulseaudio-utils")
    socket = tmp_path / "run" / "pulse" / "native"
    socket.parent.mkdir(parents=True)
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(socket.parent.parent),
           "PULSE_SERVER": f"unix:{socket}"}
    server = subprocess.Popen(
        [pulseaudio, "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm=yes",
         "--use-pid-file=no", "-F", "/dev/null", "--load=module-null-sink sink_name=room",
         f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while subprocess.run([pactl, "info"], env=env, capture_output=True).returncode != 0:
            assert server.poll() is None, "pulseaudio exited"
            assert time.monotonic() < deadline, "pulseaudio did not answer within 20 s"
            time.sleep(0.05)
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_call_is_heard_through_a_real_sound_server(espeak, sound_server, tmp_path):
    recording = tmp_path / "room.wav"
    recorder = subprocess.Popen(
        ["parec", "-d", "room.monitor", "--format=s16le", "--rate=22050", "--channels=1",
         "--file-format=wav", str(recording)], env=sound_server)
    try:
        played = subprocess.run(
            [sys.executable, "-m", "tests.ui.speak_once", "Ticket A 12, Guichet 2", "fr"],
            env=sound_server, cwd=ROOT, capture_output=True, text=True, timeout=60)
    finally:
        recorder.terminate()
        recorder.wait(timeout=10)
    assert played.stdout.strip() == "ended guard=0", played.stdout + played.stderr[-2000:]
    heard = Sound.from_wav(recording.read_bytes())
    window = heard.rate // 20
    loud = [
        Sound(heard.pcm[i * 2 : (i + window) * 2], heard.rate).rms() > 300
        for i in range(0, len(heard.pcm) // 2 - window, window)
    ]
    # the chime (1.1 s) and the sentence (about 2 s, with its pauses) reached the room
    assert sum(loud) * 0.05 > 1.6, sum(loud) * 0.05  # more than the chime alone (1.1 s)
