/** A dash for "nothing here", read out as a word rather than as punctuation. */
export function EmptyValue({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-slate-400 dark:text-slate-500">
        —
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
}
