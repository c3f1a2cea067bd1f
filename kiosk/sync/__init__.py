"""Inter-site sync: append-only replication of the visit event log (see docs/sync.md).

- :mod:`kiosk.sync.wire`: the batch schema and what may travel;
- :mod:`kiosk.sync.signing`: HMAC request and reply signatures, nonce memory;
- :mod:`kiosk.sync.apply` and :mod:`kiosk.sync.projection`: the receiver's transaction;
- :mod:`kiosk.sync.receiver`: the ``/sync/v1`` routes;
- :mod:`kiosk.sync.sender` and :mod:`kiosk.sync.agent`: pushing, backoff, the worker threads;
- :mod:`kiosk.sync.rejoin`: a store restored from a backup taking its place again;
- :mod:`kiosk.sync.trouble`: why a round with a peer stopped (shared by the three above).
"""

from kiosk.sync import models, peer_sites  # noqa: F401  (registers the sync tables)
