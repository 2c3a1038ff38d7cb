-- The dim_project rows of projects a new or superseded fact mentions since
-- snapshots.dim_project_history last ran: the snapshot compares only these
-- (a project nobody reported again cannot have changed), and records its
-- mark in a post-hook (see macros/incremental_keys.sql). A view, so it is
-- read at snapshot time. Dropping the snapshot table needs its row in
-- intermediate.incremental_watermarks deleted too.
with

projects as (
    select * from {{ ref('dim_project') }}
),

touched as (
    {{ changed_keys('project_key', ref('int_project_names_normalized'), 'dim_project_history') }}
)

select projects.*
from projects
where projects.project_key in (select touched.project_key from touched)
