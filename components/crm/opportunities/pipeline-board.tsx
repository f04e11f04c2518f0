"use client";
import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { moveOpportunityAction } from "@/lib/actions/opportunity-actions";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { formatMoney } from "@/lib/money";
import { initialFormState } from "@/lib/forms/form-state";
import type { BoardCard as Card, BoardColumn } from "@/lib/dal/opportunities/list-opportunities";

type Stage = BoardColumn["stage"];

// Pointer: drop where the pointer is. Keyboard: the card's rectangle is moved column to column,
// so the column it overlaps most wins.
const collision: CollisionDetection = (args) => {
  const byPointer = pointerWithin(args);
  return byPointer.length > 0 ? byPointer : rectIntersection(args);
};

/** Left/Right jump the card to the centre of the neighbouring column (not 25 px at a time). */
const columnCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  if (event.code !== "ArrowRight" && event.code !== "ArrowLeft") return undefined;
  event.preventDefault();
  const columns = [...context.droppableRects.entries()].sort(([, a], [, b]) => a.left - b.left);
  if (columns.length === 0 || !context.collisionRect) return currentCoordinates;
  const centre = context.collisionRect.left + context.collisionRect.width / 2;
  const current = context.over ? columns.findIndex(([id]) => id === context.over?.id) : columns.findIndex(([, rect]) => centre >= rect.left && centre <= rect.left + rect.width);
  const next = Math.min(Math.max((current < 0 ? 0 : current) + (event.code === "ArrowRight" ? 1 : -1), 0), columns.length - 1);
  const rect = columns[next]![1];
  return { x: currentCoordinates.x + (rect.left + rect.width / 2 - centre), y: currentCoordinates.y };
};

export function PipelineBoard({ slug, columns: initial, canWrite }: { slug: string; columns: BoardColumn[]; canWrite: boolean }) {
  const t = useTranslations("opportunities");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const [cards, setCards] = useState<Record<string, Card[]>>(() => Object.fromEntries(initial.map((column) => [column.stage.id, column.cards])));
  const [seenInitial, setSeenInitial] = useState(initial);
  if (seenInitial !== initial) {
    // Fresh data from the server (after router.refresh) replaces the local copy.
    setSeenInitial(initial);
    setCards(Object.fromEntries(initial.map((column) => [column.stage.id, column.cards])));
  }
  const stages = useMemo(() => initial.map((column) => column.stage), [initial]);
  const stageName = (id: unknown) => stages.find((stage) => stage.id === id)?.name ?? "";
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [lostFor, setLostFor] = useState<{ card: Card; stage: Stage } | null>(null);
  const [, startTransition] = useTransition();

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );

  const findCard = (id: unknown): Card | undefined => Object.values(cards).flat().find((card) => card.id === id);
  const titleOf = (id: unknown) => findCard(id)?.title ?? "";

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("dnd.pickedUp", { title: titleOf(active.id), stage: stageName(findCard(active.id)?.stageId) }),
    onDragOver: ({ active, over }) => (over ? t("dnd.over", { title: titleOf(active.id), stage: stageName(over.id) }) : t("dnd.notOver", { title: titleOf(active.id) })),
    onDragEnd: ({ active, over }) =>
      over ? t("dnd.dropped", { title: titleOf(active.id), stage: stageName(over.id) }) : t("dnd.cancelled", { title: titleOf(active.id), stage: stageName(findCard(active.id)?.stageId) }),
    onDragCancel: ({ active }) => t("dnd.cancelled", { title: titleOf(active.id), stage: stageName(findCard(active.id)?.stageId) }),
  };

  function move(card: Card, stage: Stage, lostReason?: string) {
    if (card.stageId === stage.id) return;
    if (stage.kind === "LOST" && !lostReason) {
      setLostFor({ card, stage });
      return;
    }
    const before = cards;
    // Optimistic: the card moves at once; it goes back if the server refuses.
    setCards((current) => {
      const next: Record<string, Card[]> = {};
      for (const [stageId, list] of Object.entries(current)) next[stageId] = list.filter((item) => item.id !== card.id);
      next[stage.id] = [{ ...card, stageId: stage.id, stage: { id: stage.id, name: stage.name, kind: stage.kind } }, ...(next[stage.id] ?? [])];
      return next;
    });
    const formData = new FormData();
    formData.set("id", card.id);
    formData.set("stageId", stage.id);
    formData.set("version", String(card.version));
    if (lostReason) formData.set("lostReason", lostReason);
    startTransition(async () => {
      try {
        const state = await moveOpportunityAction(slug, initialFormState, formData);
        if (state.status === "success") {
          setMessage({ tone: "success", text: t("moved", { title: card.title, stage: stage.name }) });
        } else {
          setCards(before);
          const key = state.formError ?? Object.values(state.fieldErrors)[0]?.[0] ?? "generic";
          setMessage({ tone: "error", text: t("moveFailed", { title: card.title, reason: isMessageKey(tErrors, key) ? tErrors(key) : tErrors("generic") }) });
        }
      } catch {
        setCards(before);
        setMessage({ tone: "error", text: t("moveFailed", { title: card.title, reason: tErrors("requestFailed") }) });
      }
      router.refresh();
    });
  }

  function onDragEnd(event: DragEndEvent) {
    const card = findCard(event.active.id);
    const stage = stages.find((item) => item.id === event.over?.id);
    if (card && stage) move(card, stage);
  }

  const column = (stage: Stage) => initial.find((item) => item.stage.id === stage.id)!;

  return (
    <div className="min-w-0 space-y-3">
      <div role={message?.tone === "error" ? "alert" : "status"} aria-live={message?.tone === "error" ? "assertive" : "polite"}>
        {message ? (
          <p
            className={
              message.tone === "error"
                ? "rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
                : "rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
            }
          >
            {message.text}
          </p>
        ) : null}
      </div>
      <DndContext
        // A fixed id keeps the server-rendered aria-describedby equal to the browser's (no hydration mismatch).
        id="pipeline-dnd"
        sensors={sensors}
        collisionDetection={collision}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("dnd.instructions") } }}
      >
        {/* The row of columns scrolls inside this box, never the page: contain: inline-size stops it
            widening its parents, and `relative` makes the box the containing block of the columns'
            absolutely positioned screen-reader text (.sr-only), which otherwise escapes the clip and
            widened the whole page to the last column's right edge. A labelled, focusable region so
            the keyboard can scroll it too. */}
        {/* On a phone one column fills the view and the strip snaps column by column; the switcher
            jumps to a stage. From lg up the columns share the width (six fit beside the sidebar at
            1280 px) and only a longer pipeline scrolls. */}
        <StageSwitcher stages={stages} />
        <div
          className="relative flex snap-x snap-mandatory gap-3 overflow-x-auto pb-4 [contain:inline-size] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 lg:snap-none lg:gap-2"
          role="region"
          aria-label={t("boardRegion")}
          tabIndex={0}
          data-testid="pipeline-board"
        >
          {stages.map((stage) => (
            <BoardColumnView key={stage.id} stage={stage} count={countIn(column(stage), cards[stage.id] ?? [])} reporting={column(stage).reporting}>
              {(cards[stage.id] ?? []).length === 0 ? (
                <p className="px-1 py-6 text-center text-sm text-slate-500 dark:text-slate-400">{t("emptyColumn")}</p>
              ) : (
                (cards[stage.id] ?? []).map((card) => (
                  <BoardCard key={card.id} slug={slug} card={card} stages={stages} canWrite={canWrite} onMove={(target) => move(card, target)} />
                ))
              )}
            </BoardColumnView>
          ))}
        </div>
      </DndContext>
      {lostFor ? (
        <LostReasonDialog
          title={lostFor.card.title}
          stageName={lostFor.stage.name}
          onCancel={() => setLostFor(null)}
          onConfirm={(reason) => {
            const pending = lostFor;
            setLostFor(null);
            move(pending.card, pending.stage, reason);
          }}
        />
      ) : null}
    </div>
  );
}

// The server's count, adjusted for cards moved here or away since (before the refresh lands).
function countIn(column: BoardColumn, localCards: Card[]) {
  return column.count + localCards.filter((card) => !column.cards.some((original) => original.id === card.id)).length - column.cards.filter((original) => !localCards.some((card) => card.id === original.id)).length;
}

/** Phones: a row of the stages that scrolls the strip to the one chosen (the strip also swipes). */
function StageSwitcher({ stages }: { stages: Stage[] }) {
  const t = useTranslations("opportunities");
  return (
    <nav aria-label={t("stageSwitcher")} className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1 lg:hidden" data-testid="stage-switcher">
      {stages.map((stage) => (
        <a
          key={stage.id}
          href={`#stage-${stage.id}`}
          onClick={(event) => {
            const target = document.getElementById(`stage-${stage.id}`);
            if (!target) return;
            event.preventDefault();
            target.scrollIntoView({ behavior: "smooth", inline: "start", block: "nearest" });
          }}
          className="inline-flex min-h-9 shrink-0 items-center rounded-full border border-slate-300 px-3 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          {stage.name}
        </a>
      ))}
    </nav>
  );
}

function BoardColumnView({ stage, count, reporting, children }: { stage: Stage; count: number; reporting: BoardColumn["reporting"]; children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const headingId = useId();
  return (
    <section
      ref={setNodeRef}
      id={`stage-${stage.id}`}
      aria-labelledby={headingId}
      data-testid="board-column"
      data-stage={stage.name}
      className={`flex w-[85%] shrink-0 snap-start flex-col rounded-2xl border p-2 sm:w-72 lg:w-auto lg:min-w-36 lg:flex-1 lg:basis-0 ${
        isOver ? "border-brand-500 bg-brand-50 dark:border-brand-400 dark:bg-slate-800" : "border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60"
      }`}
    >
      <header className="mb-2 px-1">
        <h2 id={headingId} className="flex items-baseline justify-between gap-2 text-sm font-semibold text-slate-900 dark:text-white">
          <span className="min-w-0 break-words">{stage.name}</span>
          <span className="text-sm font-medium text-slate-600 dark:text-slate-400" data-testid="column-count">
            {count}
          </span>
        </h2>
        <ColumnTotal reporting={reporting} />
      </header>
      <div className="flex min-h-24 flex-col gap-2">{children}</div>
    </section>
  );
}

/**
 * The column's total in the reporting currency. Focus or hover shows what it is made of (each
 * original currency's amount, with the rate and its date); it is the total's description, so a
 * screen reader reads it too. Currencies without a rate are said plainly under it, never added.
 */
function ColumnTotal({ reporting }: { reporting: BoardColumn["reporting"] }) {
  const t = useTranslations("opportunities");
  const locale = useLocale();
  const format = useFormatter();
  const tooltipId = useId();
  const converted = reporting.parts.some((part) => part.rate !== null);
  const money = (amount: string, currency: string) => formatMoney(amount, currency, locale);
  return (
    // The originals open under the whole block, so they never cover the lines about missing rates.
    <div className="group/total relative mt-0.5 text-xs text-slate-600 dark:text-slate-400">
      {reporting.parts.length === 0 && reporting.missing.length === 0 ? (
        <p>
          <span className="sr-only">{t("totalIn", { currency: reporting.currency })}: </span>—
        </p>
      ) : (
        <div>
          <p
            tabIndex={converted ? 0 : undefined}
            aria-describedby={converted ? tooltipId : undefined}
            data-testid="column-total"
            className={`inline-block rounded font-medium text-slate-800 dark:text-slate-200 ${converted ? "cursor-help underline decoration-dotted underline-offset-2 focus-visible:outline-2 focus-visible:outline-brand-600" : ""}`}
          >
            <span className="sr-only">{t("totalIn", { currency: reporting.currency })}: </span>
            {money(reporting.amount, reporting.currency)}
          </p>
        </div>
      )}
      {reporting.missing.map((item) => (
        <p key={item.currency} className="mt-0.5 text-amber-800 dark:text-amber-300" data-testid="column-missing-rate">
          <span aria-hidden="true">⚠ </span>
          {t("missingRate", { count: item.count, currency: item.currency, amount: money(item.amount, item.currency) })}
        </p>
      ))}
      {converted ? (
        <div
          id={tooltipId}
          role="tooltip"
          data-testid="column-total-originals"
          className="invisible absolute inset-x-0 top-full z-20 mt-1 rounded-lg border border-slate-200 bg-white p-2 text-xs text-slate-800 opacity-0 shadow-lg group-focus-within/total:visible group-focus-within/total:opacity-100 group-hover/total:visible group-hover/total:opacity-100 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200"
        >
          <p className="font-semibold">{t("originals")}</p>
          <ul>
            {reporting.parts.map((part) => (
              <li key={part.currency}>
                {part.rate
                  ? t("originalConverted", {
                      amount: money(part.amount, part.currency),
                      rate: part.rate.rate,
                      date: format.dateTime(new Date(`${part.rate.rateDate}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
                    })
                  : t("originalSame", { amount: money(part.amount, part.currency) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function BoardCard({ slug, card, stages, canWrite, onMove }: { slug: string; card: Card; stages: Stage[]; canWrite: boolean; onMove: (stage: Stage) => void }) {
  const t = useTranslations("opportunities");
  const locale = useLocale();
  const format = useFormatter();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({ id: card.id, disabled: !canWrite });
  const handleRef = useRef<HTMLButtonElement | null>(null);
  // The whole card drags with a mouse or pen (past the sensor's 5 px, so a click on the title still
  // opens it); a finger drags from the handle only, so swiping over cards still scrolls the page.
  // The keyboard picks the card up from the handle (the activator), never from the title link.
  const onPointerDown = (event: React.PointerEvent<HTMLElement>) => {
    if (!listeners?.onPointerDown) return;
    if (event.pointerType === "touch" && !handleRef.current?.contains(event.target as Node)) return;
    (listeners.onPointerDown as (event: React.PointerEvent<HTMLElement>) => void)(event);
  };
  const menuRef = useRef<HTMLDetailsElement>(null);
  // The "move to" list is drawn only once opened: a button per stage on every card made most of
  // the board's HTML (about 300 KB for the demo's board), sent for menus few readers open.
  const [menuOpen, setMenuOpen] = useState(false);
  // A menu opened before the board hydrated fired its toggle event before React listened for it.
  useEffect(() => {
    if (menuRef.current?.open) setMenuOpen(true);
  }, []);
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <article
      ref={setNodeRef}
      style={style}
      data-testid="board-card"
      data-title={card.title}
      onPointerDown={canWrite ? onPointerDown : undefined}
      // A link or a text selection would otherwise start the browser's own drag and cancel ours.
      onDragStart={canWrite ? (event) => event.preventDefault() : undefined}
      className={`relative rounded-xl border border-slate-200 bg-white p-2.5 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-950 ${canWrite ? "cursor-grab active:cursor-grabbing" : ""} ${isDragging ? "z-10 shadow-lg ring-2 ring-brand-500" : ""}`}
    >
      <div>
        <Link
          href={`/${encodeURIComponent(slug)}/opportunities/${card.id}`}
          draggable={false}
          className="break-words font-semibold text-slate-900 underline-offset-2 hover:underline dark:text-white"
        >
          {card.title}
        </Link>
      </div>
      <p className="mt-1 break-words text-slate-700 dark:text-slate-300">{card.customer.name}</p>
      <p className="mt-1 font-medium text-slate-900 dark:text-slate-100">{formatMoney(card.amount, card.currency, locale)}</p>
      {card.quietDays !== null ? (
        <p className="mt-1 inline-flex items-center gap-1 rounded-md bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="card-quiet">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <circle cx="10" cy="10" r="7" />
            <path d="M10 6v4l2.5 2.5" />
          </svg>
          {t("quiet", { days: card.quietDays })}
        </p>
      ) : null}
      <p className="mt-1 flex flex-wrap justify-between gap-x-2 text-xs text-slate-600 dark:text-slate-400">
        <span>{card.owner.name}</span>
        <span>{card.expectedCloseDate ? format.dateTime(card.expectedCloseDate, { dateStyle: "medium", timeZone: "UTC" }) : t("noCloseDate")}</span>
      </p>
      {canWrite ? (
        <div className="mt-1.5 flex items-start justify-between gap-1">
          <details ref={menuRef} className="min-w-0 flex-1" onToggle={(event) => setMenuOpen(event.currentTarget.open)}>
            <summary className="inline-flex min-h-9 cursor-pointer items-center rounded-md px-2 text-xs font-medium text-brand-700 hover:bg-slate-100 dark:text-brand-300 dark:hover:bg-slate-800">
              {t("moveTo")}
            </summary>
            {menuOpen ? (
              <ul className="mt-1 space-y-1" aria-label={t("moveToLabel", { title: card.title })}>
                {stages
                  .filter((stage) => stage.id !== card.stageId)
                  .map((stage) => (
                    <li key={stage.id}>
                      <button
                        type="button"
                        className={`${buttonStyles.ghost} ${buttonStyles.small} w-full justify-start`}
                        onClick={() => {
                          if (menuRef.current) menuRef.current.open = false;
                          onMove(stage);
                        }}
                      >
                        {stage.name}
                      </button>
                    </li>
                  ))}
              </ul>
            ) : null}
          </details>
          <button
            type="button"
            ref={(node) => {
              handleRef.current = node;
              setActivatorNodeRef(node);
            }}
            {...attributes}
            onKeyDown={listeners?.onKeyDown as React.KeyboardEventHandler<HTMLButtonElement> | undefined}
            aria-label={t("moveToLabel", { title: card.title })}
            data-testid="card-handle"
            className="-m-1 inline-flex min-h-9 min-w-9 cursor-grab touch-none items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-slate-400 dark:hover:bg-slate-800"
          >
            <svg aria-hidden="true" width="14" height="20" viewBox="0 0 14 20" fill="currentColor">
              <circle cx="4" cy="4" r="1.6" /><circle cx="10" cy="4" r="1.6" /><circle cx="4" cy="10" r="1.6" /><circle cx="10" cy="10" r="1.6" /><circle cx="4" cy="16" r="1.6" /><circle cx="10" cy="16" r="1.6" />
            </svg>
          </button>
        </div>
      ) : null}
    </article>
  );
}

function LostReasonDialog({ title, stageName, onCancel, onConfirm }: { title: string; stageName: string; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const t = useTranslations("opportunities");
  const tErrors = useTranslations("errors");
  const [reason, setReason] = useState("");
  const [error, setError] = useState(false);
  const id = useId();
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-950/50 p-4" role="presentation">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        className="w-full max-w-md space-y-4 rounded-2xl bg-white p-6 shadow-xl dark:bg-slate-900"
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
        }}
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) setError(true);
          else onConfirm(reason.trim());
        }}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900 dark:text-white">
          {t("lostDialogTitle", { title })}
        </h2>
        <div>
          <label htmlFor={`${id}-reason`} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t("lostReasonLabel")}
          </label>
          <textarea
            id={`${id}-reason`}
            autoFocus
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={inputClass}
          />
          {error ? (
            <p id={`${id}-error`} role="alert" className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-300">
              {tErrors("lostReasonRequired")}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap justify-end gap-3">
          <button type="button" className={buttonStyles.ghost} onClick={onCancel}>
            {t("cancel")}
          </button>
          <button type="submit" className={buttonStyles.primary}>
            {t("confirmLost", { stage: stageName })}
          </button>
        </div>
      </form>
    </div>
  );
}
