CREATE TABLE "case_state_counts" (
	"body_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"state" "case_state" NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "case_state_counts_body_id_state_pk" PRIMARY KEY("body_id","state")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "report_overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "report_due_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "report_due_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "phase" text GENERATED ALWAYS AS (case when state = 'raised' then 'incoming' when state = 'on_agenda' then 'incoming' when state = 'waiting' then 'waiting' when state = 'accepted' then 'work' when state = 'working_group' then 'work' when state = 'assigned' then 'work' when state = 'in_progress' then 'work' when state = 'anchoring' then 'anchoring' when state = 'prepared' then 'decision' when state = 'recommended' then 'decision' when state = 'implementation' then 'implementation' when state = 'follow_up' then 'implementation' when state = 'closed' then 'done' when state = 'no_change' then 'done' when state = 'returned' then 'done' when state = 'withdrawn' then 'done' end) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "case_state_counts" ADD CONSTRAINT "case_state_counts_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_state_counts" ADD CONSTRAINT "case_state_counts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_state_counts_structure_idx" ON "case_state_counts" USING btree ("structure_id","state","n");--> statement-breakpoint
CREATE INDEX "activities_body_overdue_idx" ON "activities" USING btree ("body_id","end_on") WHERE status <> 'done';--> statement-breakpoint
CREATE INDEX "cases_body_phase_idx" ON "cases" USING btree ("body_id","phase","year","number");--> statement-breakpoint
CREATE INDEX "cases_structure_phase_idx" ON "cases" USING btree ("structure_id","phase","year","number");--> statement-breakpoint
CREATE INDEX "cases_body_overdue_idx" ON "cases" USING btree ("body_id","report_overdue_at","state","year","number","id") WHERE report_overdue_at is not null;--> statement-breakpoint
CREATE INDEX "cases_structure_overdue_idx" ON "cases" USING btree ("structure_id","report_overdue_at","state","year","number","id") WHERE report_overdue_at is not null;--> statement-breakpoint
-- The earliest status report due and not given, per case (see cases.report_overdue_at and
-- reportDues in src/modules/cases/reports.ts, which lists every due report of one case:
-- the two must agree, and a test checks that they do).
CREATE FUNCTION case_report_due_refresh(ids uuid[]) RETURNS void AS $$
  UPDATE cases c
  SET report_overdue_at = f.at, report_due_on = f.day, report_due_meeting_id = f.meeting_id
  FROM (
    SELECT k.id, x.at, x.day, x.meeting_id
    FROM cases k
    LEFT JOIN case_directives d ON d.case_id = k.id AND d.status = 'issued' AND d.issued_at IS NOT NULL
    LEFT JOIN LATERAL (
      SELECT dues.at, dues.day, dues.meeting_id FROM (
        SELECT m.ends_at AS at, (m.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS day, m.id AS meeting_id
        FROM meetings m
        WHERE d.report_at_meetings AND m.body_id = k.body_id AND m.status <> 'cancelled' AND m.starts_at >= d.issued_at
          AND (d.end_date IS NULL OR (m.starts_at AT TIME ZONE 'Europe/Stockholm')::date <= d.end_date)
          AND NOT EXISTS (SELECT 1 FROM case_status_reports r WHERE r.case_id = k.id AND r.meeting_id = m.id)
        UNION ALL
        SELECT ((due.day + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'), due.day, NULL::uuid
        FROM unnest(d.report_dates) AS due(day)
        WHERE NOT EXISTS (SELECT 1 FROM case_status_reports r WHERE r.case_id = k.id AND r.due_on = due.day)
      ) dues
      ORDER BY dues.at, dues.day, dues.meeting_id NULLS LAST
      LIMIT 1
    ) x ON true
    WHERE k.id = ANY(ids)
  ) f
  WHERE c.id = f.id
    AND (c.report_overdue_at, c.report_due_on, c.report_due_meeting_id) IS DISTINCT FROM (f.at, f.day, f.meeting_id);
$$ LANGUAGE sql;--> statement-breakpoint
CREATE FUNCTION case_report_due_by_case() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM case_report_due_refresh(ARRAY[OLD.case_id]);
  ELSIF TG_OP = 'UPDATE' AND OLD.case_id <> NEW.case_id THEN
    PERFORM case_report_due_refresh(ARRAY[OLD.case_id, NEW.case_id]);
  ELSE
    PERFORM case_report_due_refresh(ARRAY[NEW.case_id]);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER case_directives_report_due AFTER INSERT OR UPDATE OR DELETE ON case_directives
  FOR EACH ROW EXECUTE FUNCTION case_report_due_by_case();--> statement-breakpoint
CREATE TRIGGER case_status_reports_report_due AFTER INSERT OR UPDATE OR DELETE ON case_status_reports
  FOR EACH ROW EXECUTE FUNCTION case_report_due_by_case();--> statement-breakpoint
-- A meeting counts for the cases of its body whose issued directive asks for a report at
-- each meeting and whose assignment period holds the meeting (before or after the change).
CREATE FUNCTION case_report_due_by_meeting() RETURNS trigger AS $$
DECLARE
  ids uuid[];
BEGIN
  SELECT array_agg(d.case_id) INTO ids
  FROM case_directives d
  JOIN cases k ON k.id = d.case_id
  WHERE d.status = 'issued' AND d.issued_at IS NOT NULL AND d.report_at_meetings
    AND (
      (TG_OP <> 'INSERT' AND k.body_id = OLD.body_id AND OLD.starts_at >= d.issued_at
        AND (d.end_date IS NULL OR (OLD.starts_at AT TIME ZONE 'Europe/Stockholm')::date <= d.end_date))
      OR (TG_OP <> 'DELETE' AND k.body_id = NEW.body_id AND NEW.starts_at >= d.issued_at
        AND (d.end_date IS NULL OR (NEW.starts_at AT TIME ZONE 'Europe/Stockholm')::date <= d.end_date))
    );
  IF ids IS NOT NULL THEN
    PERFORM case_report_due_refresh(ids);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER meetings_report_due AFTER INSERT OR DELETE OR UPDATE OF starts_at, ends_at, status, body_id ON meetings
  FOR EACH ROW EXECUTE FUNCTION case_report_due_by_meeting();--> statement-breakpoint
-- The count of cases per body and state. Inserts and deletes count a whole statement at
-- once; a change of state moves one case, the two counters taken in a fixed order.
CREATE FUNCTION case_state_counts_inserted() RETURNS trigger AS $$
BEGIN
  INSERT INTO case_state_counts (body_id, structure_id, state, n)
    SELECT body_id, structure_id, state, count(*)::int FROM new_cases GROUP BY body_id, structure_id, state ORDER BY body_id, state
  ON CONFLICT (body_id, state) DO UPDATE SET n = case_state_counts.n + excluded.n;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE FUNCTION case_state_counts_deleted() RETURNS trigger AS $$
BEGIN
  UPDATE case_state_counts s SET n = s.n - o.n
  FROM (SELECT body_id, state, count(*)::int AS n FROM old_cases GROUP BY body_id, state) o
  WHERE s.body_id = o.body_id AND s.state = o.state;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE FUNCTION case_state_counts_moved() RETURNS trigger AS $$
BEGIN
  INSERT INTO case_state_counts (body_id, structure_id, state, n)
    SELECT v.body_id, v.structure_id, v.state, v.n
    FROM (VALUES (OLD.body_id, OLD.structure_id, OLD.state, -1), (NEW.body_id, NEW.structure_id, NEW.state, 1)) AS v(body_id, structure_id, state, n)
    ORDER BY v.body_id, v.state
  ON CONFLICT (body_id, state) DO UPDATE SET n = case_state_counts.n + excluded.n;
  IF OLD.body_id <> NEW.body_id THEN
    PERFORM case_report_due_refresh(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER cases_count_inserted AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION case_state_counts_inserted();--> statement-breakpoint
CREATE TRIGGER cases_count_deleted AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT EXECUTE FUNCTION case_state_counts_deleted();--> statement-breakpoint
CREATE TRIGGER cases_count_moved AFTER UPDATE OF state, body_id ON cases
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.body_id IS DISTINCT FROM NEW.body_id)
  EXECUTE FUNCTION case_state_counts_moved();--> statement-breakpoint
-- What is there already.
INSERT INTO case_state_counts (body_id, structure_id, state, n)
  SELECT body_id, structure_id, state, count(*)::int FROM cases GROUP BY body_id, structure_id, state;--> statement-breakpoint
SELECT case_report_due_refresh(ARRAY(SELECT case_id FROM case_directives WHERE status = 'issued'));
