DROP INDEX "cases_body_number_idx";--> statement-breakpoint
CREATE INDEX "activities_overdue_idx" ON "activities" USING btree ("structure_id","end_on") WHERE status <> 'done';--> statement-breakpoint
CREATE INDEX "case_directives_issued_idx" ON "case_directives" USING btree ("case_id","issued_at") WHERE status = 'issued';--> statement-breakpoint
CREATE INDEX "case_status_reports_case_meeting_idx" ON "case_status_reports" USING btree ("case_id","meeting_id");--> statement-breakpoint
CREATE INDEX "case_status_reports_case_due_idx" ON "case_status_reports" USING btree ("case_id","due_on");--> statement-breakpoint
CREATE INDEX "cases_structure_number_state_idx" ON "cases" USING btree ("structure_id","year","number","state");--> statement-breakpoint
CREATE INDEX "cases_body_number_idx" ON "cases" USING btree ("body_id","year","number","state");