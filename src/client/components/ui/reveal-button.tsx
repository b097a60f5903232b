import { Eye, EyeOff } from 'lucide-react';
import { Button } from './button';

/** Shows or hides a credential on screen (a signing secret, header values); `what` names it, if needed. */
export function RevealButton({
  revealed,
  onToggle,
  what,
}: {
  revealed: boolean;
  onToggle: () => void;
  what?: string;
}) {
  const Icon = revealed ? EyeOff : Eye;
  return (
    <Button size="sm" variant="ghost" onClick={onToggle}>
      <Icon aria-hidden="true" className="size-4" />
      {revealed ? 'Hide' : 'Reveal'}
      {what ? ` ${what}` : ''}
    </Button>
  );
}
