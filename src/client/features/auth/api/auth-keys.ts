import { resourceKeys } from '@client/lib/query-keys';

export const authKeys = {
  session: () => resourceKeys.session,
};
