// The UN General Debate corpus for the archive benchmark: unpacked once into a cache
// directory (never into the repository), then cut into sizes (one session, a range of
// years, everything), each materialised as a folder of hard links so that both engines
// read exactly the same files.
import { execFileSync } from "node:child_process";
import { existsSync, linkSync, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

export const FILE_NAME = /^([A-Z0-9]{2,4})_(\d{1,3})_(\d{4})\.txt$/;

/**
 * The corpus as a folder of `ISO3_session_year.txt` files: `source` is that folder, or a
 * .tar.xz / .tar.gz / .tar archive, unpacked into `cache` (once: a marker file records a
 * complete unpack, keyed on the archive's size and mtime).
 */
export function corpusDir(source, cache, say = () => {}) {
  const st = statSync(source);
  if (st.isDirectory()) return source;
  const key = `${basename(source).replace(/\.tar(\.\w+)?$/, "")}-${st.size}-${Math.round(st.mtimeMs)}`;
  const dir = join(cache, key);
  if (existsSync(join(dir, ".unpacked"))) return dir;
  mkdirSync(cache, { recursive: true });
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  say(`unpacking ${source} into ${dir} …`);
  const flag = /\.xz$/.test(source) ? "-xJf" : /\.(gz|tgz)$/.test(source) ? "-xzf" : "-xf";
  execFileSync("tar", [flag, source, "-C", tmp], { stdio: ["ignore", "ignore", "inherit"] });
  writeFileSync(join(tmp, ".unpacked"), `${new Date().toISOString()}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

/** Every statement file of the folder: {name, path, code, session, year, bytes}, sorted by name. */
export function statements(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const m = FILE_NAME.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    out.push({ name, path, code: m[1], session: Number(m[2]), year: Number(m[3]), bytes: statSync(path).size });
  }
  return out;
}

/**
 * A size: `all`; `session` (the session given by `defaultSession`, 78 = 2023 by default);
 * `sNN` (session NN); `YYYY-YYYY` (years, inclusive); `YYYY` (one year).
 * Returns {name, label, pick(statement) → bool}.
 */
export function parseSize(spec, defaultSession = 78) {
  const s = spec.trim();
  let m;
  if (s === "all") return { name: s, label: "all sessions", pick: () => true };
  if (s === "session" || (m = /^s(\d{1,3})$/.exec(s))) {
    const n = m ? Number(m[1]) : defaultSession;
    return { name: s, label: `session ${n}`, pick: (f) => f.session === n };
  }
  if ((m = /^(\d{4})-(\d{4})$/.exec(s))) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return { name: s, label: `${a}–${b}`, pick: (f) => f.year >= a && f.year <= b };
  }
  if ((m = /^(\d{4})$/.exec(s))) return { name: s, label: m[1], pick: (f) => f.year === Number(m[1]) };
  throw new Error(`unknown size \`${spec}\`: use all, session, sNN, YYYY-YYYY or YYYY`);
}

/**
 * The files of one size as their own folder (hard links into the unpacked corpus, copies
 * when linking fails), rebuilt when its list differs. Returns {dir, files, rawBytes}.
 */
export function materialise(all, size, into) {
  const files = all.filter(size.pick);
  const dir = join(into, `corpus-${size.name}`);
  const list = files.map((f) => `${f.name} ${f.bytes}`).join("\n");
  const listFile = join(dir, ".list");
  if (!(existsSync(listFile) && readFileSync(listFile, "utf8") === list)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const f of files) {
      try {
        linkSync(f.path, join(dir, f.name));
      } catch {
        copyFileSync(f.path, join(dir, f.name));
      }
    }
    writeFileSync(listFile, list);
  }
  return { dir, files: files.map((f) => ({ ...f, path: join(dir, f.name) })), rawBytes: files.reduce((s, f) => s + f.bytes, 0) };
}

/**
 * English delegation names by corpus code, read from src/record/delegations.rs (the table
 * Verbatim's UNGDC reader names speakers from), so that Pagefind's titles and filters use
 * the same names. Codes it does not know keep their code.
 */
export function delegationNames(root) {
  const names = new Map();
  const file = join(root, "src/record/delegations.rs");
  if (!existsSync(file)) return names;
  const text = readFileSync(file, "utf8");
  const re = /\bd\(\s*"([A-Z0-9]+)"\s*,\s*&\[[^\]]*\]\s*,\s*&\[\s*"([^"]+)"/g;
  let m;
  while ((m = re.exec(text))) if (!names.has(m[1])) names.set(m[1], m[2]);
  return names;
}

const ordinal = (n) => {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th"}`;
};

/** The record title the contract gives a statement: "General Debate, 78th session (2023): France". */
export const titleOf = (f, name) => `General Debate, ${ordinal(f.session)} session (${f.year}): ${name}`;
