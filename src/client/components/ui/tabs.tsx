/**
 * In-page tabs (WAI-ARIA tabs pattern): arrow keys move between tabs, only the active tab is in the
 * Tab order, the panel is labelled by its tab. For tabs that change the URL, use links instead.
 */
import { useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { cn } from '@client/lib/cn';

export interface TabItem {
  value: string;
  label: string;
  content: ReactNode;
}

export function Tabs({
  label,
  items,
  actions,
  className,
  panelClassName,
}: {
  label: string;
  items: readonly TabItem[];
  /** Controls beside the tab list (a Copy button). They receive the active tab's value. */
  actions?: (value: string) => ReactNode;
  className?: string;
  /** The panel is focusable (tabs pattern), so it may also be the scroll container. */
  panelClassName?: string;
}) {
  const id = useId();
  const [active, setActive] = useState(items[0]?.value ?? '');
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const current = items.find((item) => item.value === active) ?? items[0];

  const onKeyDown = (event: KeyboardEvent) => {
    const index = items.findIndex((item) => item.value === active);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    let next: number | undefined;
    if (step !== undefined) next = (index + step + items.length) % items.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = items.length - 1;
    const target = next === undefined ? undefined : items[next];
    if (!target) return;
    event.preventDefault();
    setActive(target.value);
    tabRefs.current.get(target.value)?.focus();
  };

  return (
    <div className={className}>
      <div className="flex items-center justify-between gap-2 border-b border-gray-200 px-3">
        <div role="tablist" aria-label={label} className="flex gap-1">
          {items.map((item) => {
            const selected = item.value === current?.value;
            return (
              <button
                key={item.value}
                ref={(node) => {
                  if (node) tabRefs.current.set(item.value, node);
                  else tabRefs.current.delete(item.value);
                }}
                type="button"
                role="tab"
                id={`${id}-tab-${item.value}`}
                aria-selected={selected}
                aria-controls={`${id}-panel-${item.value}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => setActive(item.value)}
                onKeyDown={onKeyDown}
                className={cn(
                  '-mb-px border-b-2 px-3 py-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600',
                  selected
                    ? 'border-brand-600 text-gray-900'
                    : 'border-transparent text-gray-600 hover:text-gray-900',
                )}
              >
                {item.label}
              </button>
            );
          })}
        </div>
        {current && actions ? actions(current.value) : null}
      </div>
      {current ? (
        <div
          role="tabpanel"
          id={`${id}-panel-${current.value}`}
          aria-labelledby={`${id}-tab-${current.value}`}
          tabIndex={0}
          className={cn(
            'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600',
            panelClassName,
          )}
        >
          {current.content}
        </div>
      ) : null}
    </div>
  );
}
