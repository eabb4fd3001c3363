import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { needsBuild, recordBuild, sourceDigest } from "./needs-build.mjs";

const root = mkdtempSync(path.join(tmpdir(), "handoff-needs-build-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("npm start rebuilds when the sources changed", () => {
  it("builds the first time, not again for the same sources, again after an edit, an added file or a dependency change", () => {
    mkdirSync(path.join(root, "app"), { recursive: true });
    writeFileSync(path.join(root, "app", "page.tsx"), "export default 1;\n");
    writeFileSync(path.join(root, "package-lock.json"), "{}\n");
    expect(needsBuild({ root })).toBe("no build yet");

    mkdirSync(path.join(root, ".next"));
    writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
    recordBuild({ root });
    expect(needsBuild({ root })).toBeNull();

    writeFileSync(path.join(root, "app", "page.tsx"), "export default 2;\n");
    expect(needsBuild({ root })).toBe("the sources changed since the last build");
    recordBuild({ root });
    expect(needsBuild({ root })).toBeNull();

    // Tests are not part of the build: editing one needs no rebuild.
    writeFileSync(path.join(root, "app", "page.test.ts"), "it();\n");
    expect(needsBuild({ root })).toBeNull();

    mkdirSync(path.join(root, "lib"));
    writeFileSync(path.join(root, "lib", "new.ts"), "export {};\n");
    expect(needsBuild({ root })).not.toBeNull();
    recordBuild({ root });
    writeFileSync(path.join(root, "package-lock.json"), '{"v":2}\n');
    expect(needsBuild({ root })).not.toBeNull();

    // An edit made while a build ran (digest taken at its start) is still seen afterwards.
    const before = sourceDigest(root);
    writeFileSync(path.join(root, "lib", "new.ts"), "export const x = 1;\n");
    recordBuild({ root, digest: before });
    expect(needsBuild({ root })).toBe("the sources changed since the last build");
  });
});
