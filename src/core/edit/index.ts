/** Writing an edited model back into its source text, keeping the user's comments and order. */
export { updateSource, deepEqual, type Updated, type UpdateOptions } from './update-source.js'
export { renameId, type RenameResult } from './rename-id.js'
