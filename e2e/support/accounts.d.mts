export declare const PASSWORD: string;
export declare const MAIN: { organisation: string; admin: string; viewer: string; support: string };
export declare const ORGANISATIONS: Record<
  'setup' | 'empty' | 'deleting' | 'keyboard' | 'delivering',
  { name: string; admin: string }
>;
