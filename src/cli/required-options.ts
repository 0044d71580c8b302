/**
 * Commander checks a command's required options before its unknown ones, so a mistyped required
 * option (`hrsync overrides add c1 --employe 5`) was reported as the right one left out: "required
 * option '--employee <number>' not specified". Here the required options are checked just before
 * the action instead, after commander has named the unknown option ("unknown option '--employe'
 * (Did you mean --employee?)"); one left out for real gets commander's own words.
 */
import type { Command } from 'commander';

export function checkRequiredOptionsAfterUnknown(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  if (required.length > 0) {
    for (const option of required) option.makeOptionMandatory(false);
    // Hooks of a command also run before its subcommands' actions, as commander's own check covers
    // the options of the command and its ancestors.
    command.hook('preAction', (self) => {
      for (const option of required) {
        if (self.getOptionValue(option.attributeName()) === undefined) {
          self.error(`error: required option '${option.flags}' not specified`, {
            code: 'commander.missingMandatoryOptionValue',
          });
        }
      }
    });
  }
  for (const sub of command.commands) checkRequiredOptionsAfterUnknown(sub);
}
