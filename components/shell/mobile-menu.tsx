"use client";
import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { usePathname } from "next/navigation";

// Below the desktop breakpoint (lg, 64rem) the sidebar gives way to this: a menu button in the top
// bar opening a modal drawer with every item the sidebar has. A native <dialog> opened with
// showModal() makes the page behind inert and closes on Escape; the drawer's content is rendered
// only while it is open, so nothing in it is found twice on the page.

const DESKTOP = "(min-width: 64rem)";

export function MobileMenu({
  openLabel,
  closeLabel,
  title,
  alert,
  children,
}: {
  openLabel: string;
  closeLabel: string;
  title: ReactNode;
  /** Read with the button and shown as a dot on it, e.g. "3 tasks due", so the count isn't hidden behind the menu. */
  alert?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!open || !dialog || dialog.open) return;
    dialog.showModal();
    closeRef.current?.focus();
  }, [open]);

  // A link followed from the drawer lands on a new page: the drawer has done its job.
  useEffect(() => {
    dialogRef.current?.close();
  }, [pathname]);

  // Widening the window past the breakpoint shows the sidebar; a drawer left open would keep the page inert.
  useEffect(() => {
    if (!open) return;
    const desktop = window.matchMedia(DESKTOP);
    const onChange = () => {
      if (desktop.matches) dialogRef.current?.close();
    };
    desktop.addEventListener("change", onChange);
    return () => desktop.removeEventListener("change", onChange);
  }, [open]);

  function onDialogClick(event: MouseEvent<HTMLDialogElement>) {
    const target = event.target as Element;
    // A click on the backdrop lands on the dialog itself; a link to the page already shown changes no path.
    if (target === event.currentTarget || target.closest("a")) event.currentTarget.close();
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid="open-menu"
        className="relative grid h-11 w-11 shrink-0 place-items-center rounded-lg text-slate-700 hover:bg-slate-100 lg:hidden dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M4 6h16M4 12h16M4 18h16" />
        </svg>
        <span className="sr-only">{openLabel}</span>
        {alert ? (
          <>
            <span aria-hidden="true" className="absolute right-1.5 top-1.5 h-2.5 w-2.5 rounded-full bg-red-700 ring-2 ring-white dark:bg-red-400 dark:ring-slate-900" />
            <span className="sr-only">, {alert}</span>
          </>
        ) : null}
      </button>
      {open ? (
        <dialog
          ref={dialogRef}
          id={id}
          aria-labelledby={`${id}-title`}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
          onClick={onDialogClick}
          data-testid="menu-drawer"
          className="fixed inset-y-0 left-0 right-auto m-0 h-dvh max-h-dvh w-80 max-w-[calc(100vw-3rem)] overflow-y-auto border-r border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
        >
          <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
            <h2 id={`${id}-title`} className="min-w-0 flex-1 break-words px-1 font-semibold">
              {title}
            </h2>
            <button
              ref={closeRef}
              type="button"
              onClick={() => dialogRef.current?.close()}
              className="grid h-11 w-11 shrink-0 place-items-center rounded-lg text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <path d="M6 6l12 12M18 6 6 18" />
              </svg>
              <span className="sr-only">{closeLabel}</span>
            </button>
          </div>
          {children}
        </dialog>
      ) : null}
    </>
  );
}
