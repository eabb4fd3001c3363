/** The `<option>`s of a device-type select: "Name (MODEL)", valued by id. */
export function DeviceTypeOptions({ types }: { types: readonly { id: string; name: string; model: string }[] | undefined }) {
  return (
    <>
      {types?.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name} ({t.model})
        </option>
      ))}
    </>
  );
}
