import { Code, Copy } from 'lucide-react';
// One source for these snippets: the files in docs/examples are the ones the test suite runs.
import nodeExample from '../../../../../docs/examples/verify-webhook.mjs?raw';
import pythonExample from '../../../../../docs/examples/verify_webhook.py?raw';
import { Button } from '@client/components/ui/button';
import { Tabs } from '@client/components/ui/tabs';
import { useToast } from '@client/components/ui/toast';

const EXAMPLES = [
  { value: 'node', label: 'Node.js', code: nodeExample },
  { value: 'python', label: 'Python', code: pythonExample },
] as const;

/** A receiver that verifies Ringpost's signature, to copy into the customer's server. */
export function VerificationExample() {
  const { toast } = useToast();

  const copy = async (value: string) => {
    const example = EXAMPLES.find((e) => e.value === value);
    if (!example) return;
    try {
      await navigator.clipboard.writeText(example.code);
      toast('Copied');
    } catch {
      toast('Could not copy: select the code and copy it by hand');
    }
  };

  return (
    <section
      aria-labelledby="verification-example-heading"
      className="flex min-h-0 flex-col overflow-hidden rounded-2xl border border-gray-200 bg-gray-50"
    >
      <div className="flex items-center gap-2 border-b border-gray-200 bg-white px-4 py-3">
        <Code aria-hidden="true" className="size-4 text-gray-600" />
        <h2 id="verification-example-heading" className="text-sm font-medium text-gray-900">
          Example: signature verification
        </h2>
      </div>
      <Tabs
        label="Example language"
        className="flex min-h-0 flex-col bg-white"
        // The focusable panel scrolls, so the code can be read with the keyboard alone.
        panelClassName="max-h-[34rem] overflow-auto bg-gray-50"
        items={EXAMPLES.map((example) => ({
          value: example.value,
          label: example.label,
          content: (
            <pre className="p-4 font-mono text-[13px] leading-relaxed text-gray-800">
              <code>{example.code}</code>
            </pre>
          ),
        }))}
        actions={(value) => (
          <Button size="sm" variant="ghost" onClick={() => void copy(value)}>
            <Copy aria-hidden="true" className="size-4" />
            Copy
          </Button>
        )}
      />
    </section>
  );
}
