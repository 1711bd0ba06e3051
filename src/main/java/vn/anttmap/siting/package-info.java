/**
 * Camera siting as maximal covering location: choose new camera sites (or repairs) that cover the most weighted
 * demand (incidents, road length, population) not already covered by working cameras. Pure: everything is in
 * metres in one projected CRS. {@link vn.anttmap.siting.CoverageModel} builds who-covers-what (with occlusion by
 * buildings), {@link vn.anttmap.siting.LazyGreedy} solves large instances with a data-dependent upper bound,
 * {@link vn.anttmap.siting.LocalSearch} improves a selection by 1-exchange, {@link vn.anttmap.siting.LpBound} bounds
 * the optimum by the LP relaxation (OR-Tools GLOP, certified from its duals), and
 * {@link vn.anttmap.siting.ExactSolver} (OR-Tools CP-SAT) solves small ones to optimality.
 */
package vn.anttmap.siting;
