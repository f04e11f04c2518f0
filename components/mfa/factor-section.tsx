"use client";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

// The security page renders each factor's heading on the server, but the moment a factor is
// switched on lives in the browser: the recovery codes that come with it are shown before the page
// is refreshed (the refresh would lose them). The panel showing those codes tells its section, so
// the heading stops saying "Off" while they are on screen.
const ReportShowingNewCodes = createContext<(showing: boolean) => void>(() => {});

/** One factor's part of the security page: its heading says "· Off" unless the factor is on. */
export function FactorSection({
  titleId,
  title,
  offLabel,
  on,
  className,
  testId,
  children,
}: {
  titleId: string;
  title: string;
  offLabel: string;
  /** What the server knows. */
  on: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const [showingNewCodes, setShowingNewCodes] = useState(false);
  return (
    <section aria-labelledby={titleId} className={className} data-testid={testId}>
      <h3 id={titleId} className="font-semibold">
        {title}
        {!on && !showingNewCodes ? <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">· {offLabel}</span> : null}
      </h3>
      <ReportShowingNewCodes.Provider value={setShowingNewCodes}>{children}</ReportShowingNewCodes.Provider>
    </section>
  );
}

/** Called by the recovery-codes panel: while it is shown, its factor was just switched on. */
export function useShowingNewCodes() {
  const report = useContext(ReportShowingNewCodes);
  useEffect(() => {
    report(true);
    return () => report(false);
  }, [report]);
}
