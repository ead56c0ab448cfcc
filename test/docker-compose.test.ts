/**
 * No Docker engine runs here, so this checks the container wiring statically: docker-compose.yml
 * and the Dockerfile must agree with each other and with what src/config.ts reads.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { loadConfig } from "../src/config";

const ROOT = path.resolve(__dirname, "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

interface Service {
  environment?: Record<string, string | number | boolean> | string[];
  ports?: (string | number | { target: number })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}
const compose = parse(read("docker-compose.yml")) as { services: Record<string, Service> };
const app = compose.services.app;
const postgres = compose.services.postgres;

/** `environment:` as a map or as a list of KEY=value, as strings (what the process sees). */
function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)])
    : Object.entries(env).map(([key, value]) => [key, String(value)]);
  return Object.fromEntries(entries);
}

/** Container-side ports of `ports:` ("4000", "4000:4000", "127.0.0.1:4000:4000/tcp", { target }). */
function containerPorts(service: Service): number[] {
  return (service.ports ?? []).map((port) =>
    typeof port === "object" ? port.target : Number(String(port).split(":").pop()!.split("/")[0]),
  );
}

/** Dockerfile instructions (continuation lines joined, comments dropped) with the given keyword. */
function dockerfile(keyword: string): string[] {
  return read("Dockerfile")
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.toUpperCase().startsWith(`${keyword} `))
    .map((line) => line.slice(keyword.length).trim());
}

/** Ports the Dockerfile EXPOSEs ("4000", "4000/tcp"). */
function exposedPorts(): number[] {
  return dockerfile("EXPOSE").flatMap((line) => line.split(/\s+/).map((port) => Number(port.split("/")[0])));
}

describe("docker-compose.yml", () => {
  const appEnv = envOf(app);
  const pgEnv = envOf(postgres);

  it("points the app's DATABASE_URL at the postgres service with its credentials", () => {
    const url = new URL(appEnv.DATABASE_URL);
    expect(url.protocol).toBe("postgres:");
    expect(decodeURIComponent(url.username)).toBe(pgEnv.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(pgEnv.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
    expect(url.hostname).toBe("postgres");
    expect(url.port).toBe("5432");
  });

  it("gives the app a configuration that loadConfig accepts, on the published and exposed port", () => {
    const config = loadConfig(appEnv);
    expect(config.databaseUrl).toBe(appEnv.DATABASE_URL);
    expect(containerPorts(app)).toContain(config.port);
    expect(exposedPorts()).toContain(config.port);
  });

  it("starts the app only once postgres is healthy", () => {
    expect(app.depends_on).toEqual({ postgres: expect.objectContaining({ condition: "service_healthy" }) });
  });

  it("gives both services a healthcheck, the app's asking /ready on its port (a query could be refused in allow-list mode)", () => {
    expect(postgres.healthcheck?.test).toBeTruthy();
    expect(app.healthcheck?.test).toBeTruthy();
    expect(String(app.healthcheck?.test)).toContain(`:${loadConfig(appEnv).port}/ready`);
  });
});

describe("Dockerfile", () => {
  it("runs the compiled entry point, which `npm run build` produces", () => {
    const cmd = dockerfile("CMD").pop()!;
    expect(JSON.parse(cmd)).toEqual(["node", "--max-semi-space-size=32", "dist/src/index.js"]);
    // tsconfig: rootDir ".", outDir "dist", so dist/src/index.js is compiled from src/index.ts.
    expect(existsSync(path.join(ROOT, "src/index.ts"))).toBe(true);
    const pkg = JSON.parse(read("package.json")) as { scripts?: Record<string, string> };
    expect(pkg.scripts?.build).toEqual(expect.any(String));
  });

  it("has a healthcheck that asks /ready on the exposed port", () => {
    expect(exposedPorts()).toHaveLength(1);
    expect(dockerfile("HEALTHCHECK").join("\n")).toContain(`:${exposedPorts()[0]}/ready`);
  });
});
