/** Real pointer input for element tests: the browser's own mouse, not `element.click()`. */
import { sendMouse } from '@web/test-runner-commands';

/** Presses and releases the real mouse on `element`, just inside its top start corner. */
export async function realClick(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  const position: [number, number] = [Math.round(box.left + 6), Math.round(box.top + 6)];
  await sendMouse({ type: 'move', position });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'up' });
}
