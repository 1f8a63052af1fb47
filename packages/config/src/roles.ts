/** upsmon roles, with NUT's old words master and slave. */
export const UPSMON_ROLES: Readonly<Record<string, 'primary' | 'secondary'>> = {
  primary: 'primary',
  master: 'primary',
  secondary: 'secondary',
  slave: 'secondary',
};
