import net from 'node:net';
const orig = net.Socket.prototype.setKeepAlive;
if (process.env.NODELAY) net.Socket.prototype.setKeepAlive = function (...a: any[]) { this.setNoDelay(true); return orig.apply(this, a as any); };
await import('./stall.mts');
