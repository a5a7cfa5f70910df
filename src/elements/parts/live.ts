/**
 * `live` for a property binding (`.value=${live(text)}`, `.checked=${live(on)}`): sets the
 * property whenever it differs from the element's own current value (which the person may have
 * changed since the last render), not only when the bound value changed. What Lit's `live` does
 * for property bindings, without its attribute cases and checks.
 */
import { noChange } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import type { PropertyPart } from 'lit/directive.js';
import { setCommittedValue } from 'lit/directive-helpers.js';

export const live = directive(
  class extends Directive {
    render(value: unknown): unknown {
      return value;
    }
    override update(part: PropertyPart, [value]: Parameters<this['render']>): unknown {
      if (value === (part.element as unknown as Record<string, unknown>)[part.name])
        return noChange;
      // Lit would skip a value equal to the last one committed: make it commit this one.
      setCommittedValue(part);
      return value;
    }
  },
);
