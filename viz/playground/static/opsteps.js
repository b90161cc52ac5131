// The explain panel's steps with some perceptrons opened: the step of an open perceptron
// becomes one step per operation (forward: each w_{i->j} z_i, then s_j, z_j; backward:
// dE/dz_j, delta_j, then each product's gradient), each with the engine's value and
// gradient and its formula (the explain answer's ``operations``); a closed perceptron
// stays one step, as in the pass.  At E, an open output marks its E operation.

import { fmt } from "./number.js";

const WHY = {
  forward: {
    product: (j) => `one product w z of perceptron ${j}: a weight times what comes in along `
      + "its link (the bias: w_0 times the constant input a_0 = 1)",
    s: (j) => `s_${j} adds up the products: a plain sum`,
    z: (j) => `z_${j} = g(s_${j}): the activation applied to the sum`,
  },
  backward: {
    z: (j) => `∂E/∂z_${j} collects δ of every perceptron that reads z_${j}, through the weight `
      + "of its link (at an output, the loss's own derivative)",
    s: (j) => `δ_${j} = ∂E/∂s_${j}: ∂E/∂z_${j} times the activation's derivative`,
    product: (j) => `s_${j} is a plain sum, so every product's gradient is δ_${j} `
      + `(∂s_${j}/∂p = 1); the weight's own is then δ_${j} times what came in`,
  },
};

const kindOf = (tag) => (tag === "s" || tag === "z" || tag === "E" ? tag : "product");

/** One step of an operation: the pass's step ``step`` (number ``k``) narrowed to ``op``
 *  of perceptron ``j``. */
function opStep(step, k, j, op) {
  const kind = kindOf(op.op);
  const forward = step.pass === "forward";
  const values = `value ${fmt(op.value)}, gradient ∂E/∂(it) ${fmt(op.grad)}`;
  return { k, step: { ...step, node: j, edges: kind === "product" ? [op.op] : [],
    formulas: forward ? op.forward : op.backward,
    why: `${WHY[step.pass][kind](j)} (${values})` }, op: `${j}:${op.op}`, opKind: op.op };
}

/** The steps to go through: ``[{k, step, op?}]``, ``k`` the pass's own step number (the
 *  one the API's check counts), ``op`` the diagram's ``data-op`` of an operation step. */
export function expand(data, open) {
  const ops = data.operations ?? {};
  const list = [];
  data.steps.forEach((step, k) => {
    const j = step.node;
    if (step.pass === "forward mode" || !open.includes(j) || !ops[j]) {
      const output = step.node === "E" ? open.find((name) => ops[name]?.some(
        (op) => op.op === "E")) : undefined;
      list.push(output === undefined ? { k, step } : { k, step, op: `${output}:E` });
      return;
    }
    const own = ops[j].filter((op) => op.op !== "E");
    const order = step.pass === "forward" ? own : [own[own.length - 1], own[own.length - 2],
      ...own.slice(0, -2)];
    for (const op of order) list.push(opStep(step, k, j, op));
  });
  return list;
}
