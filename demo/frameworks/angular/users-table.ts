// <users-table>'s properties as typed inputs, so strictTemplates checks `[baseUrl]` and
// `[getHeaders]` (CUSTOM_ELEMENTS_SCHEMA alone lets any binding through); the host bindings set
// them on the element. Events need nothing: `$event` comes from src/events.ts's HTMLElementEventMap.
import { Directive, input } from '@angular/core';
import type { HeadersGetter } from '../../../src/context/index.js';

@Directive({
  selector: 'users-table',
  host: { '[baseUrl]': 'baseUrl()', '[getHeaders]': 'getHeaders()' },
})
export class UsersTableProperties {
  readonly baseUrl = input<string>();
  readonly getHeaders = input<HeadersGetter>();
}
