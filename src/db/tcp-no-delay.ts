/**
 * neo4j-driver (5.x) never turns off Nagle's algorithm on its Bolt sockets. A query is sent as
 * several small writes (RUN then PULL, or BEGIN, RUN, PULL, COMMIT); with Nagle on, each write
 * after the first waits until the server ACKs the previous one, and the server delays that ACK by
 * up to 40 ms (delayed ACK) because it has nothing to send yet. Measured on the seed graph: two
 * small reads in a row took 52 ms (p50) with Nagle, 7 ms without; that was the ~40 ms "stall when
 * two relationship loaders fire at one level". The driver offers no option for it, and it sets
 * keep-alive on every socket it opens (configureSocket), so sockets that ask for keep-alive get
 * TCP_NODELAY as well. Other sockets that do so (HTTP servers) already run with TCP_NODELAY.
 */
import net from 'node:net';

const INSTALLED = Symbol.for('abscopal.tcpNoDelay');

export function disableNagleOnDriverSockets(): void {
  // The prototype is a Socket; the marker says the patch is in place (installed once per process).
  const proto = net.Socket.prototype as net.Socket & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const setKeepAlive = proto.setKeepAlive;
  proto.setKeepAlive = function (this: net.Socket, ...args: Parameters<net.Socket['setKeepAlive']>) {
    this.setNoDelay(true);
    return setKeepAlive.apply(this, args);
  };
  proto[INSTALLED] = true;
}
