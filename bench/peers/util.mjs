// Small helpers of the peer benchmark: measured child processes, compressed sizes,
// percentiles, the machine and the versions.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const TIME = "/usr/bin/time";

/**
 * Runs a command; resolves {ms, maxRssKb, stdout, stderr}. Wall time is measured here;
 * peak RSS comes from GNU time (`%M`, the largest resident set of the process and its
 * waited-for children) when /usr/bin/time exists, else it is null.
 */
export function runMeasured(cmd, args, { cwd, env, allowFail = false } = {}) {
  const useTime = existsSync(TIME);
  const argv = useTime ? [TIME, "-f", "__MAXRSS__%M", cmd, ...args] : [cmd, ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      let maxRssKb = null;
      const m = /__MAXRSS__(\d+)\s*$/.exec(stderr);
      if (m) {
        maxRssKb = Number(m[1]);
        stderr = stderr.slice(0, m.index);
      }
      if (code !== 0 && !allowFail) {
        reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}\n${stderr.slice(-4000)}`));
      } else resolve({ ms, maxRssKb, stdout, stderr, code });
    });
  });
}

export const gzipLen = (b) => gzipSync(b, { level: 9 }).length;
export const brotliLen = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;

/** Bytes on the wire for one response: the compressed size when compressing helps (already-compressed files go raw). */
export function wire(body) {
  const raw = body.length;
  return { raw, gzip: Math.min(raw, gzipLen(body)), brotli: Math.min(raw, brotliLen(body)) };
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
}

const sh = (cmd, args, opts) => {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], ...opts }).trim();
  } catch {
    return "";
  }
};

/** The machine the figures were taken on. */
export function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? "unknown";
  const osRelease = existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "";
  return {
    cpu: model.trim(),
    nproc: Number(sh("nproc", [])) || cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    os: /PRETTY_NAME="([^"]*)"/.exec(osRelease)?.[1] ?? process.platform,
    kernel: sh("uname", ["-r"]),
    node: process.version,
    rustc: sh("rustc", ["--version"]),
  };
}

/** Version of an npm package as locked in a package-lock.json (or installed). */
export function npmVersion(lockFile, name) {
  try {
    const lock = JSON.parse(readFileSync(lockFile, "utf8"));
    return lock.packages?.[`node_modules/${name}`]?.version ?? null;
  } catch {
    return null;
  }
}

/** Version of a crate in a Cargo.lock. */
export function crateVersion(lockFile, name) {
  try {
    const text = readFileSync(lockFile, "utf8");
    return new RegExp(`name = "${name}"\\nversion = "([^"]+)"`).exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

export function git(root) {
  const commit = sh("git", ["rev-parse", "--short=12", "HEAD"], { cwd: root });
  const dirty = sh("git", ["status", "--porcelain", "--untracked-files=no", "--", "src", "pkg", "Cargo.toml", "Cargo.lock"], { cwd: root });
  return { commit, dirty: dirty.length > 0 };
}
