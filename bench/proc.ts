import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/** CPU time and memory of processes, from Linux's /proc, for the benchmarks' figures. */

const CLOCK_TICKS = 100; // USER_HZ, the unit of /proc/<pid>/stat's times on Linux

/** Fields of /proc/<pid>/stat from the third on (state, ppid, …): the name in parentheses may hold spaces. */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** User + system CPU seconds of a process (fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds of all of PostgreSQL: the postmaster, with its reaped children's (backends that exited), and every live child. */
export function postgresCpuSeconds(postmaster: number): number {
  const own = statFields(postmaster);
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / CLOCK_TICKS;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** A process's resident memory (VmRSS) or its peak (VmHWM), in kB. */
export function memoryKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
}

export const memoryMb = (pid: number, field: "VmRSS" | "VmHWM"): number => Math.round(memoryKb(pid, field) / 1024);

/** Resets the process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0); false where refused. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}
