/** Database names: letters, digits and '-', with a letter or digit at both ends. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

export const isValidDatabaseName = (name: unknown): name is string => typeof name === 'string' && NAME.test(name);
