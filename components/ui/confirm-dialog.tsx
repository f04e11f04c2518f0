"use client";
import { forwardRef, useId } from "react";
import { buttonStyles } from "./button-styles";

export type ConfirmText = {
  /** The question, e.g. "Deactivate Mei Manager?" */
  title: string;
  /** Exactly what will happen. */
  body: string;
  /** The confirming button's label, a verb: "Deactivate". */
  confirmLabel: string;
  cancelLabel: string;
};

/**
 * A modal question before a consequential action, on the native <dialog>: showModal() makes the
 * rest of the page inert, moves focus in (to "Cancel", the safe answer), Escape closes it, and
 * closing returns focus to the button that opened it. Named by its title, described by its body.
 * The caller opens it (ref.current.showModal()) and acts in onConfirm.
 */
export const ConfirmDialog = forwardRef<HTMLDialogElement, ConfirmText & { destructive?: boolean; onConfirm: () => void }>(function ConfirmDialog(
  { title, body, confirmLabel, cancelLabel, destructive = true, onConfirm },
  ref,
) {
  const id = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <p id={`${id}-body`} className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        {body}
      </p>
      <div className="mt-6 flex flex-wrap justify-end gap-2">
        <button
          type="button"
          autoFocus
          className={buttonStyles.secondary}
          onClick={(event) => event.currentTarget.closest("dialog")?.close()}
        >
          {cancelLabel}
        </button>
        <button type="button" className={destructive ? buttonStyles.danger : buttonStyles.primary} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
});
