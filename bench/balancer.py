#!/usr/bin/env python3
"""Round-robin TCP balancer on loopback, for bench/cluster.sh --balance.

The scep-gateway takes one challenge-service URL and one ca-adapter URL. To spread one
gateway's calls over several replicas, cluster.sh points it at this balancer, which hands
each new TCP connection to the next backend (per connection, not per request: the gateway
keeps a pool of persistent connections, so with a few concurrent enrollments each replica
gets its share). A backend that refuses the connection is skipped (a killed replica), so
the gateway sees an error only when every backend is down.

usage: balancer.py LISTEN_PORT BACKEND_PORT [BACKEND_PORT ...]
"""

import asyncio
import itertools
import sys

CONNECT_TIMEOUT = 2.0


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


def make_handler(backends):
    turn = itertools.cycle(range(len(backends)))

    async def handle(client_reader, client_writer):
        start = next(turn)
        for attempt in range(len(backends)):
            port = backends[(start + attempt) % len(backends)]
            try:
                upstream_reader, upstream_writer = await asyncio.wait_for(
                    asyncio.open_connection("127.0.0.1", port), CONNECT_TIMEOUT)
            except (OSError, asyncio.TimeoutError):
                continue
            await asyncio.gather(pipe(client_reader, upstream_writer), pipe(upstream_reader, client_writer))
            return
        client_writer.close()

    return handle


async def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        sys.exit(2)
    listen = int(sys.argv[1])
    backends = [int(port) for port in sys.argv[2:]]
    server = await asyncio.start_server(make_handler(backends), "127.0.0.1", listen)
    print(f"balancer listening on 127.0.0.1:{listen} -> {backends}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
