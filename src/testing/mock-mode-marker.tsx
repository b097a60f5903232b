/**
 * What mock mode shows above the app: that the data is made up (so nobody mistakes it for their
 * organisation), which scenario is on, and any URL value it did not understand, with the values it
 * would have understood (a typo must not silently show the default).
 */
import {
  DATA_SCENARIOS,
  NETWORK_TITLES,
  ROLE_TITLES,
  type Scenario,
  type ScenarioProblem,
} from './scenarios';

function listOf(values: readonly string[]) {
  return values.length > 1
    ? `${values.slice(0, -1).join(', ')} or ${values.at(-1) ?? ''}`
    : values.join('');
}

export function MockModeMarker({
  scenario,
  problems,
}: {
  scenario: Scenario;
  problems: readonly ScenarioProblem[];
}) {
  return (
    <aside
      aria-label="Mock mode"
      className="fixed top-0 left-1/2 z-[70] flex max-w-[calc(100vw-2rem)] -translate-x-1/2 flex-col items-center gap-1"
    >
      <p className="rounded-b-lg border border-t-0 border-amber-300 bg-amber-50 px-3 py-1 text-xs text-amber-900 shadow-xs">
        <strong className="font-semibold">Mock data</strong>
        {' · '}
        {ROLE_TITLES[scenario.role]} · {DATA_SCENARIOS[scenario.data].title} ·{' '}
        {NETWORK_TITLES[scenario.network]}
      </p>
      {problems.length > 0 ? (
        <div
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 shadow-sm"
        >
          {problems.map((problem) => (
            <p key={problem.part}>
              Unknown {problem.part} “{problem.value}”: use {listOf(problem.allowed)}. Showing{' '}
              {scenario[problem.part]} instead.
            </p>
          ))}
        </div>
      ) : null}
    </aside>
  );
}
