-- Version 16: on PostgreSQL, every change of a layer's stamp is announced on the channel antt_change
-- (LISTEN/NOTIFY, delivered when the writing transaction commits), whoever wrote: ANTT Map raising the stamp itself,
-- or the statement trigger raising it for psql or a GIS tool. Service nodes listen, keep the stamps in memory for the
-- public's requests, and check the table itself (the version rows) whenever they are not sure they heard everything.
-- The payload names the schema, for several stores in one database: "schema table stamp".
--postgis CREATE FUNCTION change_stamp_announce() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('antt_change', TG_TABLE_SCHEMA || ' ' || NEW.layer_table || ' ' || NEW.stamp); RETURN NULL; END $$;
--postgis CREATE TRIGGER change_stamp_announce AFTER INSERT OR UPDATE ON change_stamp FOR EACH ROW EXECUTE FUNCTION change_stamp_announce();
SELECT 1;
