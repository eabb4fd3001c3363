import { describe, expect, it } from "vitest";
import { parsePackingList } from "./parse-packing-list";

describe("parsePackingList", () => {
  it("reads one unique_id per line, dropping blanks and lower-casing", () => {
    expect(parsePackingList("GW-1\n\n gw-2 \r\ngw-3\r")).toEqual(["gw-1", "gw-2", "gw-3"]);
  });
  it("reads the unique_id column of a CSV with a header, quoted or not, any separator", () => {
    expect(parsePackingList('\uFEFFpallet,unique_id,token\n7,"gw-a",x\n7,gw-b,y\n')).toEqual(["gw-a", "gw-b"]);
    expect(parsePackingList("Unique ID;Pallet\ngw-c;1\n")).toEqual(["gw-c"]);
    expect(parsePackingList("serial\tpallet\ngw-d\t2")).toEqual(["gw-d"]);
  });
  it("takes the first column of a CSV without a unique_id header, keeping every line", () => {
    expect(parsePackingList("gw-e,12\ngw-f,13")).toEqual(["gw-e", "gw-f"]);
    expect(parsePackingList("")).toEqual([]);
  });
});
