"use client";
import { useRef } from "react";
import { inputClass } from "@/components/ui/input-styles";

const labelClass = "mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200";

/**
 * The date range: a preset, or custom From / To days. Typing a day switches the preset to
 * "Custom" (so the days are used); choosing a preset empties the days. Without JavaScript the
 * fields work as they are, with "Custom" chosen by hand.
 */
export function RangeFields({
  presets,
  labels,
  input,
  invalid,
  errorId,
}: {
  presets: { value: string; label: string }[];
  labels: { range: string; from: string; to: string };
  input: { range: string; from: string; to: string };
  invalid: boolean;
  errorId: string;
}) {
  const rangeRef = useRef<HTMLSelectElement>(null);
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const errorProps = invalid ? { "aria-invalid": true, "aria-describedby": errorId } : {};
  const toCustom = () => {
    if (rangeRef.current) rangeRef.current.value = "custom";
  };
  return (
    <>
      <div>
        <label htmlFor="report-range" className={labelClass}>
          {labels.range}
        </label>
        <select
          id="report-range"
          name="range"
          ref={rangeRef}
          defaultValue={input.range}
          className={inputClass}
          {...errorProps}
          onChange={(event) => {
            if (event.currentTarget.value !== "custom") {
              if (fromRef.current) fromRef.current.value = "";
              if (toRef.current) toRef.current.value = "";
            }
          }}
        >
          {presets.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="report-from" className={labelClass}>
            {labels.from}
          </label>
          <input id="report-from" ref={fromRef} type="date" name="from" defaultValue={input.from} onInput={toCustom} className={inputClass} {...errorProps} />
        </div>
        <div>
          <label htmlFor="report-to" className={labelClass}>
            {labels.to}
          </label>
          <input id="report-to" ref={toRef} type="date" name="to" defaultValue={input.to} onInput={toCustom} className={inputClass} {...errorProps} />
        </div>
      </div>
    </>
  );
}
