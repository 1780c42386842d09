/** The first number in an element's text (metrics are written "123.4 nats"). */
export async function readNumber(page, testId) {
  const text = await page.getByTestId(testId).first().textContent();
  const m = /-?\d+(\.\d+)?(e[-+]?\d+)?/i.exec(text ?? '');
  return m ? Number(m[0]) : NaN;
}

export async function waitForNumber(page, testId, predicate, timeoutMs = 60000) {
  const until = Date.now() + timeoutMs;
  let last = NaN;
  while (Date.now() < until) {
    last = await readNumber(page, testId);
    if (predicate(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`${testId} never satisfied the condition (last value ${last})`);
}

/** Waits until MNIST is loaded and the trainer is ready to start. */
export async function waitForReady(page) {
  await page.getByTestId('train-toggle').first().waitFor();
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="train-toggle"]');
    return b && !b.disabled;
  }, null, { timeout: 60000 });
}
