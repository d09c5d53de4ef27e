DROP INDEX "cases_structure_state_idx";--> statement-breakpoint
DROP INDEX "cases_body_state_idx";--> statement-breakpoint
CREATE INDEX "cases_structure_state_id_idx" ON "cases" USING btree ("structure_id","state","year","number","id");--> statement-breakpoint
CREATE INDEX "cases_body_state_id_idx" ON "cases" USING btree ("body_id","state","year","number","id");