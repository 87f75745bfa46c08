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
                name: "ix_harm_table_weights_harm_table_id_category",
                table: "harm_table_weights",
                columns: new[] { "harm_table_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_harm_tables_name_table_version",
                table: "harm_tables",
                columns: new[] { "name", "table_version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benchmark_category_counts");

            migrationBuilder.DropTable(
                name: "harm_table_weights");

            migrationBuilder.DropTable(
                name: "benchmarks");

            migrationBuilder.DropTable(
                name: "harm_tables");
        }
    }
}
