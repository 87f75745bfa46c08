using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CommunitySafety.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agencies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agencies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "area_populations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    area_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    population = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_populations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    occurred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    agency_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    record_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    details = table.Column<string>(type: "text", nullable: true),
                    ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "benchmarks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    period_label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    start_month = table.Column<int>(type: "integer", nullable: false),
                    end_month = table.Column<int>(type: "integer", nullable: false),
                    total_offences = table.Column<long>(type: "bigint", nullable: false),
                    previous_total_offences = table.Column<long>(type: "bigint", nullable: true),
                    population = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    entered_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    entered_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_benchmarks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "boundary_sets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    level = table.Column<int>(type: "integer", nullable: false),
                    vintage = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code_property = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    imported_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    imported_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    feature_count = table.Column<int>(type: "integer", nullable: false),
                    is_current = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_boundary_sets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_reference_counters",
                columns: table => new
                {
                    prefix = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_sequence = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_reference_counters", x => new { x.prefix, x.year });
                });

            migrationBuilder.CreateTable(
                name: "crime_locations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crime_locations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crime_outcomes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    force_month_id = table.Column<int>(type: "integer", nullable: false),
                    crime_id = table.Column<byte[]>(type: "bytea", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    outcome_id = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crime_outcomes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crime_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    force_month_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<byte>(type: "smallint", nullable: false),
                    crime_id = table.Column<byte[]>(type: "bytea", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    location_id = table.Column<int>(type: "integer", nullable: true),
                    lsoa_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ward_id = table.Column<int>(type: "integer", nullable: true),
                    placement = table.Column<byte>(type: "smallint", nullable: false),
                    last_outcome_id = table.Column<short>(type: "smallint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crime_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "force_months",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    force = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    street_batch_id = table.Column<int>(type: "integer", nullable: true),
                    record_count = table.Column<int>(type: "integer", nullable: false),
                    outcomes_batch_id = table.Column<int>(type: "integer", nullable: true),
                    outcome_count = table.Column<int>(type: "integer", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_force_months", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "funding_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    stream = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funding_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "harm_tables",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    table_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    loaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    loaded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_harm_tables", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<byte>(type: "smallint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    started_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<byte>(type: "smallint", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    rows_read = table.Column<long>(type: "bigint", nullable: false),
                    rows_imported = table.Column<long>(type: "bigint", nullable: false),
                    rows_rejected = table.Column<long>(type: "bigint", nullable: false),
                    rows_outside_area = table.Column<long>(type: "bigint", nullable: false),
                    rows_without_location = table.Column<long>(type: "bigint", nullable: false),
                    rows_duplicate = table.Column<long>(type: "bigint", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    owner_instance = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    job = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    holder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    expires_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_leases", x => x.job);
                });

            migrationBuilder.CreateTable(
                name: "lsoa_changes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lsoa11_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lsoa21_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    change = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lsoa_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lsoa_ward_lookups",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lsoa_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lsoa_vintage = table.Column<int>(type: "integer", nullable: false),
                    ward_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ward_vintage = table.Column<int>(type: "integer", nullable: false),
                    ward_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lad_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    lad_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lsoa_ward_lookups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lsoas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    vintage = table.Column<int>(type: "integer", nullable: false),
                    boundary_set_id = table.Column<int>(type: "integer", nullable: true),
                    geometry = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lsoas", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outcome_categories",
                columns: table => new
                {
                    id = table.Column<short>(type: "smallint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outcome_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "places",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    town = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    postcode_key = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    line1_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    uprn = table.Column<long>(type: "bigint", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    ward_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    lsoa_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_places", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "usage_windows",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_windows", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "user_sessions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ticket = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ward_monthly_counts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ward_id = table.Column<int>(type: "integer", nullable: true),
                    force_month_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<byte>(type: "smallint", nullable: false),
                    placement = table.Column<byte>(type: "smallint", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    with_outcome_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ward_monthly_counts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    type = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    closure_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    closed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    lead_agency_id = table.Column<int>(type: "integer", nullable: false),
                    access_level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lead_officer_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    current_risk_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    next_review_date = table.Column<DateOnly>(type: "date", nullable: true),
                    opened_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    opened_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_cases_agencies_lead_agency_id",
                        column: x => x.lead_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "commissioned_services",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    provider_agency_id = table.Column<int>(type: "integer", nullable: false),
                    monthly_capacity = table.Column<int>(type: "integer", nullable: true),
                    first_contact_working_days = table.Column<int>(type: "integer", nullable: false),
                    delivery_working_days = table.Column<int>(type: "integer", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commissioned_services", x => x.id);
                    table.ForeignKey(
                        name: "fk_commissioned_services_agencies_provider_agency_id",
                        column: x => x.provider_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    is_disabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_sign_in_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_users_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    organising_agency_id = table.Column<int>(type: "integer", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_meetings_agencies_organising_agency_id",
                        column: x => x.organising_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    forename = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    middle_names = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    surname = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    gender = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    surname_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    forename_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    surname_phonetic = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    forename_phonetic = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    merged_into_id = table.Column<int>(type: "integer", nullable: true),
                    created_by_agency_id = table.Column<int>(type: "integer", nullable: true),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                    table.ForeignKey(
                        name: "fk_people_agencies_created_by_agency_id",
                        column: x => x.created_by_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_people_people_merged_into_id",
                        column: x => x.merged_into_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "benchmark_category_counts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    benchmark_id = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<byte>(type: "smallint", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_benchmark_category_counts", x => x.id);
                    table.ForeignKey(
                        name: "fk_benchmark_category_counts_benchmarks_benchmark_id",
                        column: x => x.benchmark_id,
                        principalTable: "benchmarks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wards",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    boundary_set_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lad_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    lad_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<byte[]>(type: "bytea", nullable: false),
                    min_longitude = table.Column<double>(type: "double precision", nullable: false),
                    min_latitude = table.Column<double>(type: "double precision", nullable: false),
                    max_longitude = table.Column<double>(type: "double precision", nullable: false),
                    max_latitude = table.Column<double>(type: "double precision", nullable: false),
                    centroid_longitude = table.Column<double>(type: "double precision", nullable: false),
                    centroid_latitude = table.Column<double>(type: "double precision", nullable: false),
                    population = table.Column<int>(type: "integer", nullable: true),
                    population_year = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wards", x => x.id);
                    table.ForeignKey(
                        name: "fk_wards_boundary_sets_boundary_set_id",
                        column: x => x.boundary_set_id,
                        principalTable: "boundary_sets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_budgets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    funding_line_id = table.Column<int>(type: "integer", nullable: false),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funding_budgets", x => x.id);
                    table.ForeignKey(
                        name: "fk_funding_budgets_funding_lines_funding_line_id",
                        column: x => x.funding_line_id,
                        principalTable: "funding_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "harm_table_weights",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    harm_table_id = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<byte>(type: "smallint", nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_harm_table_weights", x => x.id);
                    table.ForeignKey(
                        name: "fk_harm_table_weights_harm_tables_harm_table_id",
                        column: x => x.harm_table_id,
                        principalTable: "harm_tables",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_role_claims_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_rejections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    line = table.Column<long>(type: "bigint", nullable: false),
                    field = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_rejections", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_rejections_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "imported_files",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    rows_read = table.Column<long>(type: "bigint", nullable: false),
                    superseded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imported_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_imported_files_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asb_repeat_locations",
                columns: table => new
                {
                    place_id = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    incident_count = table.Column<int>(type: "integer", nullable: false),
                    flagged_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asb_repeat_locations", x => x.place_id);
                    table.ForeignKey(
                        name: "fk_asb_repeat_locations_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    occurred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    occurred_time_known = table.Column<bool>(type: "boolean", nullable: false),
                    strand = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    category_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    place_id = table.Column<int>(type: "integer", nullable: true),
                    narrative = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    reporting_agency_id = table.Column<int>(type: "integer", nullable: false),
                    agency_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_agencies_reporting_agency_id",
                        column: x => x.reporting_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_incidents_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_agencies",
                columns: table => new
                {
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    added_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    added_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_agencies", x => new { x.case_id, x.agency_id });
                    table.ForeignKey(
                        name: "fk_case_agencies_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_case_agencies_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_documents",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    stored_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    uploaded_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    uploaded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    uploaded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_documents_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    occurred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_events_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_members",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    added_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_members_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_notes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    author_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    author_agency_id = table.Column<int>(type: "integer", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_notes_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_places",
                columns: table => new
                {
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    place_id = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    linked_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_places", x => new { x.case_id, x.place_id });
                    table.ForeignKey(
                        name: "fk_case_places_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_places_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_reviews",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    scheduled_date = table.Column<DateOnly>(type: "date", nullable: false),
                    done_date = table.Column<DateOnly>(type: "date", nullable: true),
                    outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    reviewed_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_reviews_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_allocations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    funding_line_id = table.Column<int>(type: "integer", nullable: false),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funding_allocations", x => x.id);
                    table.ForeignKey(
                        name: "fk_funding_allocations_commissioned_services_service_id",
                        column: x => x.service_id,
                        principalTable: "commissioned_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_funding_allocations_funding_lines_funding_line_id",
                        column: x => x.funding_line_id,
                        principalTable: "funding_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "idva_advisers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idva_advisers", x => x.id);
                    table.ForeignKey(
                        name: "fk_idva_advisers_commissioned_services_service_id",
                        column: x => x.service_id,
                        principalTable: "commissioned_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_deliverables",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_deliverables", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_deliverables_commissioned_services_service_id",
                        column: x => x.service_id,
                        principalTable: "commissioned_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_eligibility_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_eligibility_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_eligibility_rules_commissioned_services_service_id",
                        column: x => x.service_id,
                        principalTable: "commissioned_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_user_claims_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_identity_user_logins_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_identity_user_tokens_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_actions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    owner_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    plan = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    meeting_id = table.Column<int>(type: "integer", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    completed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_actions_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_case_actions_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_actions_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "meeting_agenda_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    record = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    recorded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_agenda_items_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_meeting_agenda_items_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_attendees",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_attendees", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_attendees_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meeting_attendees_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<int>(type: "integer", nullable: true),
                    person_id = table.Column<int>(type: "integer", nullable: true),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    dedup_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    read_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alerts_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "asb_case_reviews",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    victim_person_id = table.Column<int>(type: "integer", nullable: false),
                    third_party_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    victim_consent_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    behaviour = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    acknowledged_on = table.Column<DateOnly>(type: "date", nullable: true),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decision_on = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    review_meeting_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recommendations = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    outcome = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    outcome_letter_on = table.Column<DateOnly>(type: "date", nullable: true),
                    appeal_received_on = table.Column<DateOnly>(type: "date", nullable: true),
                    appeal_outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asb_case_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_asb_case_reviews_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asb_case_reviews_people_victim_person_id",
                        column: x => x.victim_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_people",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    added_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    added_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_people", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_people_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_people_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "da_dara_records",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    victim_person_id = table.Column<int>(type: "integer", nullable: true),
                    grading = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    assessed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    police_reference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    recorded_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_by_agency_id = table.Column<int>(type: "integer", nullable: false),
                    recorded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_da_dara_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_da_dara_records_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_da_dara_records_people_victim_person_id",
                        column: x => x.victim_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    type_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subject_person_id = table.Column<int>(type: "integer", nullable: true),
                    subject_description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    issued_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    senior_authorisation = table.Column<bool>(type: "boolean", nullable: false),
                    court_hearing_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    issued_time_known = table.Column<bool>(type: "boolean", nullable: false),
                    expires_time_known = table.Column<bool>(type: "boolean", nullable: false),
                    court_hearing_time_known = table.Column<bool>(type: "boolean", nullable: false),
                    extends_order_id = table.Column<int>(type: "integer", nullable: true),
                    authorised_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issuing_agency_id = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_agencies_issuing_agency_id",
                        column: x => x.issuing_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_orders_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_orders_orders_extends_order_id",
                        column: x => x.extends_order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_orders_people_subject_person_id",
                        column: x => x.subject_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_addresses",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    place_id = table.Column<int>(type: "integer", nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: true),
                    to_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_addresses", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_addresses_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_person_addresses_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_aliases",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    forename = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    surname = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    surname_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    forename_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    surname_phonetic = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    forename_phonetic = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_aliases", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_aliases_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_flags",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    set_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    set_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    set_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    automatic = table.Column<bool>(type: "boolean", nullable: false),
                    ended_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ended_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ended_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_flags", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_flags_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_merge_proposals",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    other_person_id = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    proposed_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    proposed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    proposed_by_agency_id = table.Column<int>(type: "integer", nullable: true),
                    proposed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    merge_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_merge_proposals", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_merge_proposals_people_other_person_id",
                        column: x => x.other_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_person_merge_proposals_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    survivor_id = table.Column<int>(type: "integer", nullable: false),
                    merged_id = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    merged_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    merged_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    moved_links_json = table.Column<string>(type: "text", nullable: false),
                    unmerged_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    unmerged_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unmerge_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_merges", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_merges_people_merged_id",
                        column: x => x.merged_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_person_merges_people_survivor_id",
                        column: x => x.survivor_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    case_id = table.Column<int>(type: "integer", nullable: true),
                    place_id = table.Column<int>(type: "integer", nullable: true),
                    referring_agency_id = table.Column<int>(type: "integer", nullable: false),
                    referred_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    referred_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    referred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    consent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    consent_justification = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    lawful_basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sharing_power = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    special_category_condition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    eligibility_warnings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    eligibility_override_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    fire_risk = table.Column<int>(type: "integer", nullable: true),
                    fire_priority = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    first_contact_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    first_visit_date = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    outcome_notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_referrals_agencies_referring_agency_id",
                        column: x => x.referring_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_referrals_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_referrals_commissioned_services_service_id",
                        column: x => x.service_id,
                        principalTable: "commissioned_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_referrals_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_referrals_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "asb_incident_details",
                columns: table => new
                {
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    reported_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asb_incident_details", x => x.incident_id);
                    table.ForeignKey(
                        name: "fk_asb_incident_details_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_incidents",
                columns: table => new
                {
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    linked_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_incidents", x => new { x.case_id, x.incident_id });
                    table.ForeignKey(
                        name: "fk_case_incidents_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_incidents_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incident_people",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_people", x => x.id);
                    table.ForeignKey(
                        name: "fk_incident_people_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_incident_people_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_assessments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: true),
                    person_id = table.Column<int>(type: "integer", nullable: true),
                    incident_id = table.Column<int>(type: "integer", nullable: true),
                    instrument_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    instrument_version = table.Column<int>(type: "integer", nullable: false),
                    answers_json = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    computed_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    final_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    override_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    triggers_fired = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    assessor_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assessor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    assessor_agency_id = table.Column<int>(type: "integer", nullable: true),
                    assessed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_assessments_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_risk_assessments_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_risk_assessments_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funding_spend",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    funding_allocation_id = table.Column<int>(type: "integer", nullable: false),
                    spent_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_pence = table.Column<long>(type: "bigint", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funding_spend", x => x.id);
                    table.ForeignKey(
                        name: "fk_funding_spend_funding_allocations_funding_allocation_id",
                        column: x => x.funding_allocation_id,
                        principalTable: "funding_allocations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asb_case_review_complaints",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_review_id = table.Column<int>(type: "integer", nullable: false),
                    behaviour_on = table.Column<DateOnly>(type: "date", nullable: false),
                    complaint_on = table.Column<DateOnly>(type: "date", nullable: false),
                    received_by = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    is_hate = table.Column<bool>(type: "boolean", nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asb_case_review_complaints", x => x.id);
                    table.ForeignKey(
                        name: "fk_asb_case_review_complaints_asb_case_reviews_case_review_id",
                        column: x => x.case_review_id,
                        principalTable: "asb_case_reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_breaches",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<int>(type: "integer", nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_breaches", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_breaches_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disclosures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<int>(type: "integer", nullable: false),
                    referral_id = table.Column<int>(type: "integer", nullable: true),
                    disclosed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_agency_id = table.Column<int>(type: "integer", nullable: false),
                    by_agency_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    to_agency_id = table.Column<int>(type: "integer", nullable: false),
                    to_agency_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    service_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fields = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    lawful_basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sharing_power = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    special_category_condition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    consent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    purpose = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disclosures", x => x.id);
                    table.ForeignKey(
                        name: "fk_disclosures_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disclosures_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "idva_cases",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    referral_id = table.Column<int>(type: "integer", nullable: false),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    adviser_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    adviser_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    risk_at_intake = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    opened_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    opened_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    support_needs = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    closed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    risk_at_closure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    closure_notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idva_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_idva_cases_commissioned_services_service_id",
                        column: x => x.service_id,
                        principalTable: "commissioned_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_idva_cases_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referral_contacts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    referral_id = table.Column<int>(type: "integer", nullable: false),
                    occurred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reached = table.Column<bool>(type: "boolean", nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_contacts_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "referral_shared_fields",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    referral_id = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_shared_fields", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_shared_fields_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "referral_visits",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    referral_id = table.Column<int>(type: "integer", nullable: false),
                    visit_date = table.Column<DateOnly>(type: "date", nullable: false),
                    delivered = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_visits_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "da_dash_records",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    victim_person_id = table.Column<int>(type: "integer", nullable: true),
                    instrument_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    instrument_version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    answers_json = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    recorded_red_flags = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    assessor_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    assessor_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    yes_count = table.Column<int>(type: "integer", nullable: true),
                    computed_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    final_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    red_flags = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    judgement_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    risk_assessment_id = table.Column<int>(type: "integer", nullable: true),
                    completed_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    assessor_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assessor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    assessor_agency_id = table.Column<int>(type: "integer", nullable: false),
                    started_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_da_dash_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_da_dash_records_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_da_dash_records_people_victim_person_id",
                        column: x => x.victim_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_da_dash_records_risk_assessments_risk_assessment_id",
                        column: x => x.risk_assessment_id,
                        principalTable: "risk_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "idva_contacts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    idva_case_id = table.Column<int>(type: "integer", nullable: false),
                    occurred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reached = table.Column<bool>(type: "boolean", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idva_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_idva_contacts_idva_cases_idva_case_id",
                        column: x => x.idva_case_id,
                        principalTable: "idva_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "idva_onward_referrals",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    idva_case_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    details = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    made_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idva_onward_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_idva_onward_referrals_idva_cases_idva_case_id",
                        column: x => x.idva_case_id,
                        principalTable: "idva_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "idva_safety_measures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    idva_case_id = table.Column<int>(type: "integer", nullable: false),
                    measure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idva_safety_measures", x => x.id);
                    table.ForeignKey(
                        name: "fk_idva_safety_measures_idva_cases_idva_case_id",
                        column: x => x.idva_case_id,
                        principalTable: "idva_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "da_marac_referrals",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<int>(type: "integer", nullable: false),
                    dash_record_id = table.Column<int>(type: "integer", nullable: false),
                    victim_person_id = table.Column<int>(type: "integer", nullable: true),
                    perpetrator_person_id = table.Column<int>(type: "integer", nullable: true),
                    criteria = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    consent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    consent_override_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    referring_agency_id = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    other_information = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    is_repeat = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    referred_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    referred_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    referred_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_da_marac_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_da_marac_referrals_agencies_referring_agency_id",
                        column: x => x.referring_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_da_marac_referrals_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_da_marac_referrals_da_dash_records_dash_record_id",
                        column: x => x.dash_record_id,
                        principalTable: "da_dash_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_da_marac_referrals_people_perpetrator_person_id",
                        column: x => x.perpetrator_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_da_marac_referrals_people_victim_person_id",
                        column: x => x.victim_person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agencies_name",
                table: "agencies",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_alerts_case_id",
                table: "alerts",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_person_id",
                table: "alerts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_user_id_read_utc",
                table: "alerts",
                columns: new[] { "user_id", "read_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_user_id_type_dedup_key",
                table: "alerts",
                columns: new[] { "user_id", "type", "dedup_key" });

            migrationBuilder.CreateIndex(
                name: "ix_area_populations_area_code_year",
                table: "area_populations",
                columns: new[] { "area_code", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asb_case_review_complaints_case_review_id",
                table: "asb_case_review_complaints",
                column: "case_review_id");

            migrationBuilder.CreateIndex(
                name: "ix_asb_case_reviews_case_id",
                table: "asb_case_reviews",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_asb_case_reviews_received_on",
                table: "asb_case_reviews",
                column: "received_on");

            migrationBuilder.CreateIndex(
                name: "ix_asb_case_reviews_victim_person_id",
                table: "asb_case_reviews",
                column: "victim_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_action",
                table: "audit_events",
                column: "action");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_utc",
                table: "audit_events",
                column: "occurred_utc");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_record_type_record_id",
                table: "audit_events",
                columns: new[] { "record_type", "record_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_sequence",
                table: "audit_events",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_user_id",
                table: "audit_events",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_benchmark_category_counts_benchmark_id_category",
                table: "benchmark_category_counts",
                columns: new[] { "benchmark_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_benchmarks_name_end_month",
                table: "benchmarks",
                columns: new[] { "name", "end_month" });

            migrationBuilder.CreateIndex(
                name: "ix_boundary_sets_level_is_current",
                table: "boundary_sets",
                columns: new[] { "level", "is_current" });

            migrationBuilder.CreateIndex(
                name: "ix_case_actions_agency_id",
                table: "case_actions",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_actions_case_id",
                table: "case_actions",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_actions_meeting_id",
                table: "case_actions",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_actions_owner_user_id_status_due_date",
                table: "case_actions",
                columns: new[] { "owner_user_id", "status", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_case_agencies_agency_id_case_id",
                table: "case_agencies",
                columns: new[] { "agency_id", "case_id" });

            migrationBuilder.CreateIndex(
                name: "ix_case_documents_case_id",
                table: "case_documents",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_documents_stored_name",
                table: "case_documents",
                column: "stored_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_case_events_case_id_occurred_utc",
                table: "case_events",
                columns: new[] { "case_id", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_case_incidents_incident_id",
                table: "case_incidents",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_members_case_id_user_id",
                table: "case_members",
                columns: new[] { "case_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_case_members_user_id",
                table: "case_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_notes_case_id_created_utc",
                table: "case_notes",
                columns: new[] { "case_id", "created_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_case_people_case_id_person_id_role",
                table: "case_people",
                columns: new[] { "case_id", "person_id", "role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_case_people_person_id",
                table: "case_people",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_places_place_id",
                table: "case_places",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_reviews_case_id_scheduled_date",
                table: "case_reviews",
                columns: new[] { "case_id", "scheduled_date" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_current_risk_band",
                table: "cases",
                column: "current_risk_band");

            migrationBuilder.CreateIndex(
                name: "ix_cases_lead_agency_id_status",
                table: "cases",
                columns: new[] { "lead_agency_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_lead_officer_user_id",
                table: "cases",
                column: "lead_officer_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_next_review_date",
                table: "cases",
                column: "next_review_date");

            migrationBuilder.CreateIndex(
                name: "ix_cases_reference",
                table: "cases",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commissioned_services_code",
                table: "commissioned_services",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commissioned_services_provider_agency_id",
                table: "commissioned_services",
                column: "provider_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_crime_outcomes_crime_id",
                table: "crime_outcomes",
                column: "crime_id");

            migrationBuilder.CreateIndex(
                name: "ix_crime_outcomes_force_month_id",
                table: "crime_outcomes",
                column: "force_month_id");

            migrationBuilder.CreateIndex(
                name: "ix_crime_records_force_month_id",
                table: "crime_records",
                column: "force_month_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_dara_records_case_id",
                table: "da_dara_records",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_dara_records_victim_person_id",
                table: "da_dara_records",
                column: "victim_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_dash_records_case_id_status",
                table: "da_dash_records",
                columns: new[] { "case_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_da_dash_records_risk_assessment_id",
                table: "da_dash_records",
                column: "risk_assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_dash_records_victim_person_id",
                table: "da_dash_records",
                column: "victim_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_marac_referrals_case_id",
                table: "da_marac_referrals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_marac_referrals_dash_record_id",
                table: "da_marac_referrals",
                column: "dash_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_marac_referrals_perpetrator_person_id",
                table: "da_marac_referrals",
                column: "perpetrator_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_marac_referrals_referring_agency_id",
                table: "da_marac_referrals",
                column: "referring_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_da_marac_referrals_status_referred_utc",
                table: "da_marac_referrals",
                columns: new[] { "status", "referred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_da_marac_referrals_victim_person_id_perpetrator_person_id_r~",
                table: "da_marac_referrals",
                columns: new[] { "victim_person_id", "perpetrator_person_id", "referred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_disclosures_person_id_disclosed_utc",
                table: "disclosures",
                columns: new[] { "person_id", "disclosed_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_disclosures_referral_id",
                table: "disclosures",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_force_months_force_month",
                table: "force_months",
                columns: new[] { "force", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_force_months_month",
                table: "force_months",
                column: "month");

            migrationBuilder.CreateIndex(
                name: "ix_funding_allocations_funding_line_id_financial_year_service_~",
                table: "funding_allocations",
                columns: new[] { "funding_line_id", "financial_year", "service_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_funding_allocations_service_id",
                table: "funding_allocations",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_funding_budgets_funding_line_id_financial_year",
                table: "funding_budgets",
                columns: new[] { "funding_line_id", "financial_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_funding_lines_name",
                table: "funding_lines",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_funding_spend_funding_allocation_id",
                table: "funding_spend",
                column: "funding_allocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_harm_table_weights_harm_table_id_category",
                table: "harm_table_weights",
                columns: new[] { "harm_table_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_harm_tables_name_table_version",
                table: "harm_tables",
                columns: new[] { "name", "table_version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_role_claims_role_id",
                table: "identity_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "role_name_index",
                table: "identity_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_claims_user_id",
                table: "identity_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_logins_user_id",
                table: "identity_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_roles_role_id",
                table: "identity_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "identity_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_identity_users_agency_id",
                table: "identity_users",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "identity_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idva_advisers_service_id_user_id",
                table: "idva_advisers",
                columns: new[] { "service_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idva_cases_referral_id",
                table: "idva_cases",
                column: "referral_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idva_cases_service_id_status",
                table: "idva_cases",
                columns: new[] { "service_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_idva_contacts_idva_case_id",
                table: "idva_contacts",
                column: "idva_case_id");

            migrationBuilder.CreateIndex(
                name: "ix_idva_onward_referrals_idva_case_id",
                table: "idva_onward_referrals",
                column: "idva_case_id");

            migrationBuilder.CreateIndex(
                name: "ix_idva_safety_measures_idva_case_id",
                table: "idva_safety_measures",
                column: "idva_case_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_started_utc",
                table: "import_batches",
                column: "started_utc");

            migrationBuilder.CreateIndex(
                name: "ix_import_rejections_batch_id_id",
                table: "import_rejections",
                columns: new[] { "batch_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_imported_files_batch_id",
                table: "imported_files",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_imported_files_bytes",
                table: "imported_files",
                column: "bytes");

            migrationBuilder.CreateIndex(
                name: "ix_imported_files_sha256",
                table: "imported_files",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_incident_people_incident_id_person_id_role",
                table: "incident_people",
                columns: new[] { "incident_id", "person_id", "role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incident_people_person_id_role",
                table: "incident_people",
                columns: new[] { "person_id", "role" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_occurred_utc",
                table: "incidents",
                column: "occurred_utc");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_place_id_occurred_utc",
                table: "incidents",
                columns: new[] { "place_id", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_reporting_agency_id",
                table: "incidents",
                column: "reporting_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_strand_category_code_occurred_utc",
                table: "incidents",
                columns: new[] { "strand", "category_code", "occurred_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_lsoa_changes_lsoa11_code_lsoa21_code",
                table: "lsoa_changes",
                columns: new[] { "lsoa11_code", "lsoa21_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lsoa_ward_lookups_lsoa_code_lsoa_vintage_ward_vintage",
                table: "lsoa_ward_lookups",
                columns: new[] { "lsoa_code", "lsoa_vintage", "ward_vintage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lsoa_ward_lookups_ward_code",
                table: "lsoa_ward_lookups",
                column: "ward_code");

            migrationBuilder.CreateIndex(
                name: "ix_lsoas_code_vintage",
                table: "lsoas",
                columns: new[] { "code", "vintage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meeting_agenda_items_case_id",
                table: "meeting_agenda_items",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_agenda_items_meeting_id_case_id",
                table: "meeting_agenda_items",
                columns: new[] { "meeting_id", "case_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meeting_attendees_agency_id_meeting_id",
                table: "meeting_attendees",
                columns: new[] { "agency_id", "meeting_id" });

            migrationBuilder.CreateIndex(
                name: "ix_meeting_attendees_meeting_id",
                table: "meeting_attendees",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_organising_agency_id_held_on",
                table: "meetings",
                columns: new[] { "organising_agency_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_order_breaches_order_id",
                table: "order_breaches",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_case_id_type_code",
                table: "orders",
                columns: new[] { "case_id", "type_code" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_expires_utc",
                table: "orders",
                column: "expires_utc");

            migrationBuilder.CreateIndex(
                name: "ix_orders_extends_order_id",
                table: "orders",
                column: "extends_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_issuing_agency_id",
                table: "orders",
                column: "issuing_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_subject_person_id",
                table: "orders",
                column: "subject_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_outcome_categories_name",
                table: "outcome_categories",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_created_by_agency_id",
                table: "people",
                column: "created_by_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_date_of_birth",
                table: "people",
                column: "date_of_birth");

            migrationBuilder.CreateIndex(
                name: "ix_people_merged_into_id",
                table: "people",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_surname_key_forename_key",
                table: "people",
                columns: new[] { "surname_key", "forename_key" });

            migrationBuilder.CreateIndex(
                name: "ix_people_surname_phonetic_forename_phonetic_surname_key",
                table: "people",
                columns: new[] { "surname_phonetic", "forename_phonetic", "surname_key" });

            migrationBuilder.CreateIndex(
                name: "ix_person_addresses_person_id",
                table: "person_addresses",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_addresses_place_id",
                table: "person_addresses",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_aliases_person_id",
                table: "person_aliases",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_aliases_surname_key_forename_key",
                table: "person_aliases",
                columns: new[] { "surname_key", "forename_key" });

            migrationBuilder.CreateIndex(
                name: "ix_person_aliases_surname_phonetic_forename_phonetic_surname_k~",
                table: "person_aliases",
                columns: new[] { "surname_phonetic", "forename_phonetic", "surname_key" });

            migrationBuilder.CreateIndex(
                name: "ix_person_flags_person_id_active",
                table: "person_flags",
                columns: new[] { "person_id", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_person_flags_type_active",
                table: "person_flags",
                columns: new[] { "type", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_person_merge_proposals_other_person_id",
                table: "person_merge_proposals",
                column: "other_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merge_proposals_person_id",
                table: "person_merge_proposals",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merge_proposals_status_proposed_utc",
                table: "person_merge_proposals",
                columns: new[] { "status", "proposed_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_merged_id",
                table: "person_merges",
                column: "merged_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_survivor_id",
                table: "person_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_places_line1_key",
                table: "places",
                column: "line1_key");

            migrationBuilder.CreateIndex(
                name: "ix_places_lsoa_code",
                table: "places",
                column: "lsoa_code");

            migrationBuilder.CreateIndex(
                name: "ix_places_postcode_key",
                table: "places",
                column: "postcode_key");

            migrationBuilder.CreateIndex(
                name: "ix_places_uprn",
                table: "places",
                column: "uprn");

            migrationBuilder.CreateIndex(
                name: "ix_places_ward_code",
                table: "places",
                column: "ward_code");

            migrationBuilder.CreateIndex(
                name: "ix_referral_contacts_referral_id",
                table: "referral_contacts",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_referral_shared_fields_referral_id_field",
                table: "referral_shared_fields",
                columns: new[] { "referral_id", "field" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referral_visits_referral_id",
                table: "referral_visits",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_referral_visits_visit_date",
                table: "referral_visits",
                column: "visit_date");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_case_id",
                table: "referrals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_person_id",
                table: "referrals",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_place_id",
                table: "referrals",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_referring_agency_id",
                table: "referrals",
                column: "referring_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_service_id_status",
                table: "referrals",
                columns: new[] { "service_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_assessments_case_id_assessed_utc",
                table: "risk_assessments",
                columns: new[] { "case_id", "assessed_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_assessments_incident_id",
                table: "risk_assessments",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_risk_assessments_person_id_assessed_utc",
                table: "risk_assessments",
                columns: new[] { "person_id", "assessed_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_service_deliverables_service_id_code",
                table: "service_deliverables",
                columns: new[] { "service_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_eligibility_rules_service_id",
                table: "service_eligibility_rules",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_sessions_user_id",
                table: "user_sessions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_ward_monthly_counts_force_month_id",
                table: "ward_monthly_counts",
                column: "force_month_id");

            migrationBuilder.CreateIndex(
                name: "ix_ward_monthly_counts_month_ward_id",
                table: "ward_monthly_counts",
                columns: new[] { "month", "ward_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ward_monthly_counts_ward_id_month",
                table: "ward_monthly_counts",
                columns: new[] { "ward_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_ward_monthly_counts_ward_map",
                table: "ward_monthly_counts",
                columns: new[] { "month", "category", "ward_id", "placement", "force_month_id", "count" });

            migrationBuilder.CreateIndex(
                name: "ix_wards_boundary_set_id_code",
                table: "wards",
                columns: new[] { "boundary_set_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wards_code",
                table: "wards",
                column: "code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "area_populations");

            migrationBuilder.DropTable(
                name: "asb_case_review_complaints");

            migrationBuilder.DropTable(
                name: "asb_incident_details");

            migrationBuilder.DropTable(
                name: "asb_repeat_locations");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "benchmark_category_counts");

            migrationBuilder.DropTable(
                name: "case_actions");

            migrationBuilder.DropTable(
                name: "case_agencies");

            migrationBuilder.DropTable(
                name: "case_documents");

            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "case_incidents");

            migrationBuilder.DropTable(
                name: "case_members");

            migrationBuilder.DropTable(
                name: "case_notes");

            migrationBuilder.DropTable(
                name: "case_people");

            migrationBuilder.DropTable(
                name: "case_places");

            migrationBuilder.DropTable(
                name: "case_reference_counters");

            migrationBuilder.DropTable(
                name: "case_reviews");

            migrationBuilder.DropTable(
                name: "crime_locations");

            migrationBuilder.DropTable(
                name: "crime_outcomes");

            migrationBuilder.DropTable(
                name: "crime_records");

            migrationBuilder.DropTable(
                name: "da_dara_records");

            migrationBuilder.DropTable(
                name: "da_marac_referrals");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "disclosures");

            migrationBuilder.DropTable(
                name: "force_months");

            migrationBuilder.DropTable(
                name: "funding_budgets");

            migrationBuilder.DropTable(
                name: "funding_spend");

            migrationBuilder.DropTable(
                name: "harm_table_weights");

            migrationBuilder.DropTable(
                name: "identity_role_claims");

            migrationBuilder.DropTable(
                name: "identity_user_claims");

            migrationBuilder.DropTable(
                name: "identity_user_logins");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "identity_user_tokens");

            migrationBuilder.DropTable(
                name: "idva_advisers");

            migrationBuilder.DropTable(
                name: "idva_contacts");

            migrationBuilder.DropTable(
                name: "idva_onward_referrals");

            migrationBuilder.DropTable(
                name: "idva_safety_measures");

            migrationBuilder.DropTable(
                name: "import_rejections");

            migrationBuilder.DropTable(
                name: "imported_files");

            migrationBuilder.DropTable(
                name: "incident_people");

            migrationBuilder.DropTable(
                name: "job_leases");

            migrationBuilder.DropTable(
                name: "lsoa_changes");

            migrationBuilder.DropTable(
                name: "lsoa_ward_lookups");

            migrationBuilder.DropTable(
                name: "lsoas");

            migrationBuilder.DropTable(
                name: "meeting_agenda_items");

            migrationBuilder.DropTable(
                name: "meeting_attendees");

            migrationBuilder.DropTable(
                name: "order_breaches");

            migrationBuilder.DropTable(
                name: "outcome_categories");

            migrationBuilder.DropTable(
                name: "person_addresses");

            migrationBuilder.DropTable(
                name: "person_aliases");

            migrationBuilder.DropTable(
                name: "person_flags");

            migrationBuilder.DropTable(
                name: "person_merge_proposals");

            migrationBuilder.DropTable(
                name: "person_merges");

            migrationBuilder.DropTable(
                name: "referral_contacts");

            migrationBuilder.DropTable(
                name: "referral_shared_fields");

            migrationBuilder.DropTable(
                name: "referral_visits");

            migrationBuilder.DropTable(
                name: "service_deliverables");

            migrationBuilder.DropTable(
                name: "service_eligibility_rules");

            migrationBuilder.DropTable(
                name: "usage_windows");

            migrationBuilder.DropTable(
                name: "user_sessions");

            migrationBuilder.DropTable(
                name: "ward_monthly_counts");

            migrationBuilder.DropTable(
                name: "wards");

            migrationBuilder.DropTable(
                name: "asb_case_reviews");

            migrationBuilder.DropTable(
                name: "benchmarks");

            migrationBuilder.DropTable(
                name: "da_dash_records");

            migrationBuilder.DropTable(
                name: "funding_allocations");

            migrationBuilder.DropTable(
                name: "harm_tables");

            migrationBuilder.DropTable(
                name: "identity_roles");

            migrationBuilder.DropTable(
                name: "identity_users");

            migrationBuilder.DropTable(
                name: "idva_cases");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "boundary_sets");

            migrationBuilder.DropTable(
                name: "risk_assessments");

            migrationBuilder.DropTable(
                name: "funding_lines");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "commissioned_services");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "places");

            migrationBuilder.DropTable(
                name: "agencies");
        }
    }
}
