import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Recognizing a process recorded in a file after a crash, when its pid may have been given to
 * another: after a reboot or a container restart the pid in `postmaster.pid`, `owner.pid` or
 * `starting.lock` can belong to anything (newsgraph itself is often pid 1 in a container).
 */

/** The pid is a live process (EPERM: alive, but another user's, e.g. the postgres user's when we are root). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** When the process started, in clock ticks since boot (Linux), or undefined where the system does not say. */
function startTime(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count from its ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** This process as a stamp to record: `<pid>` with `:<start time>` where the system gives one. */
export function ownStamp(): string {
  const started = startTime(process.pid);
  return started ? `${process.pid}:${started}` : String(process.pid);
}

/** The live process a stamp names, if it is still that one (not a pid since reused, and not this process): its pid. */
export function liveProcess(stamp: string): number | undefined {
  const [pidText, started] = stamp.trim().split(":");
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  if (stamp.trim() === ownStamp()) return undefined;
  if (started !== undefined && startTime(pid) !== undefined && startTime(pid) !== started) return undefined;
  return pid;
}

/** The command line of a process, or undefined where it cannot be read. */
function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    try {
      return execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" }).trim().split(/\s+/);
    } catch {
      return undefined;
    }
  }
}

/** Whether `pid` is a PostgreSQL server running `cluster` (when its command line cannot be read, it is taken to be). */
export function isPostmasterOf(pid: number, cluster: string): boolean {
  if (!isAlive(pid)) return false;
  const args = commandLine(pid);
  if (!args) return true;
  const dataArg = args.indexOf("-D");
  return path.basename(args[0] ?? "") === "postgres" && dataArg >= 0 && path.resolve(args[dataArg + 1] ?? "") === path.resolve(cluster);
}
