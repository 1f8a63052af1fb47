/** `ups[@host[:port]]`, with `[v6addr]` for IPv6 literals. Undefined when malformed. */
export function parseSystem(
  system: string,
  defaultPort = 3493,
): { upsName: string; host: string; port: number } | undefined {
  const match = /^([^@\s:]+)(?:@(\[[^\]]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?)?$/.exec(system);
  if (!match) return undefined;
  const [, upsName, rawHost, rawPort] = match;
  const port = rawPort === undefined ? defaultPort : Number(rawPort);
  if (port < 1 || port > 65535) return undefined;
  const host = rawHost === undefined ? 'localhost' : rawHost.replace(/^\[(.*)\]$/, '$1');
  return { upsName: upsName!, host, port };
}
