// The processes below a process, from /proc (Linux): the benchmarks sum or scan them for
// peak memory (Chromium's renderers, Pagefind's binary under its Node API).
import { readdirSync, readFileSync } from "node:fs";

/** Every descendant pid of `pid` (default: this Node process). */
export function descendants(pid = process.pid) {
  const kids = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch {}
  }
  const out = [];
  const stack = [pid];
  while (stack.length) for (const k of kids.get(stack.pop()) ?? []) out.push(k), stack.push(k);
  return out;
}
