import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { schoolBoards } from "@/db/schema";

describe("database", () => {
  it("starts each file empty and migrated", async () => {
    expect(await db.select().from(schoolBoards)).toEqual([]);
    await db.insert(schoolBoards).values({ code: "X", name: "X", kind: "css" });
    expect(await db.$count(schoolBoards)).toBe(1);
  });
});
